// Command sdkgen writes the Go and Python SDKs of the wpengine provider plugin from schema.json.
//
// Why a Go program: the SDK generators live in github.com/pulumi/pulumi/pkg/v3/codegen, and the
// language hosts the Go module proxy serves cannot generate packages (`pulumi package gen-sdk` needs
// pulumi-language-go or a newer Node/Python host than the proxy has). Calling the generators directly
// needs neither. With -check it writes nothing and fails when a committed file differs, so a stale
// SDK fails the tests the same way a stale schema.json does.
package main

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/blang/semver"
	gogen "github.com/pulumi/pulumi/pkg/v3/codegen/go"
	pygen "github.com/pulumi/pulumi/pkg/v3/codegen/python"
	"github.com/pulumi/pulumi/pkg/v3/codegen/schema"
)

// noPackages is the schema loader: the wpengine schema refers to no other package, so any attempt
// to load one is a mistake in schema.json, not something to fetch.
type noPackages struct{}

func (noPackages) LoadPackage(name string, _ *semver.Version) (*schema.Package, error) {
	return nil, fmt.Errorf("schema.json refers to package %q; it must be self-contained", name)
}

func (n noPackages) LoadPackageV2(_ context.Context, d *schema.PackageDescriptor) (*schema.Package, error) {
	return n.LoadPackage(d.Name, d.Version)
}

func (n noPackages) LoadPackageReference(name string, v *semver.Version) (schema.PackageReference, error) {
	_, err := n.LoadPackage(name, v)
	return nil, err
}

func (n noPackages) LoadPackageReferenceV2(ctx context.Context, d *schema.PackageDescriptor) (schema.PackageReference, error) {
	return n.LoadPackageReference(d.Name, d.Version)
}

// generator turns the bound package into files relative to the language's output folder.
type generator func(pkg *schema.Package) (map[string][]byte, error)

var generators = map[string]generator{
	"go": func(pkg *schema.Package) (map[string][]byte, error) {
		return gogen.GeneratePackage("sdkgen", pkg, nil)
	},
	"python": func(pkg *schema.Package) (map[string][]byte, error) {
		return pygen.GeneratePackage("sdkgen", pkg, nil, noPackages{})
	},
}

func main() {
	schemaPath := flag.String("schema", "schema.json", "the package schema")
	outDir := flag.String("out", "sdks", "the folder that holds one folder per language")
	check := flag.Bool("check", false, "write nothing; fail when a generated file differs from the committed one")
	langs := flag.String("languages", "go,python", "comma-separated languages to generate")
	flag.Parse()
	if err := run(*schemaPath, *outDir, strings.Split(*langs, ","), *check); err != nil {
		fmt.Fprintln(os.Stderr, "sdkgen:", err)
		os.Exit(1)
	}
}

func run(schemaPath, outDir string, langs []string, check bool) error {
	raw, err := os.ReadFile(schemaPath)
	if err != nil {
		return err
	}
	var stale []string
	for _, lang := range langs {
		gen, ok := generators[lang]
		if !ok {
			return fmt.Errorf("no generator for %q (have go, python)", lang)
		}
		// Each generator mutates the package's language info, so each binds its own copy.
		var spec schema.PackageSpec
		if err := json.Unmarshal(raw, &spec); err != nil {
			return fmt.Errorf("%s: %w", schemaPath, err)
		}
		pkg, diags, err := schema.BindSpec(spec, noPackages{}, schema.ValidationOptions{})
		if err != nil {
			return err
		}
		if diags.HasErrors() {
			return fmt.Errorf("%s does not bind: %s", schemaPath, diags.Error())
		}
		files, err := gen(pkg)
		if err != nil {
			return fmt.Errorf("%s SDK: %w", lang, err)
		}
		dir := filepath.Join(outDir, lang)
		diff, err := sync(dir, files, check)
		if err != nil {
			return err
		}
		stale = append(stale, diff...)
	}
	if len(stale) > 0 {
		sort.Strings(stale)
		return fmt.Errorf("generated SDK files are stale (run `npm run sdks`):\n  %s", strings.Join(stale, "\n  "))
	}
	return nil
}

// handWritten are the files of an SDK folder that sdkgen neither writes nor removes: the Go SDK's
// module files, kept by `go mod tidy` so the SDK builds against the Pulumi Go SDK from the proxy.
var handWritten = map[string]bool{"go.mod": true, "go.sum": true}

// sync writes files under dir (removing generated files that are no longer produced), or, with
// check, returns the paths that differ.
func sync(dir string, files map[string][]byte, check bool) ([]string, error) {
	var differ []string
	existing := map[string]bool{}
	_ = filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() && !handWritten[d.Name()] {
			rel, _ := filepath.Rel(dir, p)
			existing[filepath.ToSlash(rel)] = true
		}
		return nil
	})
	for name, content := range files {
		path := filepath.Join(dir, name)
		delete(existing, filepath.ToSlash(name))
		have, err := os.ReadFile(path)
		if err == nil && bytes.Equal(have, content) {
			continue
		}
		if check {
			differ = append(differ, path)
			continue
		}
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			return nil, err
		}
		if err := os.WriteFile(path, content, 0o644); err != nil {
			return nil, err
		}
	}
	for rel := range existing {
		path := filepath.Join(dir, rel)
		if check {
			differ = append(differ, path+" (no longer generated)")
		} else if err := os.Remove(path); err != nil {
			return nil, err
		}
	}
	return differ, nil
}
