// Command go-pr-environment keeps a WP Engine environment per pull request, as a Go program: the
// same environment as examples/pr-environment (TypeScript), through the provider plugin and the Go
// SDK generated from its schema (sdks/go). Each pull request is its own stack (`pr-123`):
//
//	go run . up      -pr 123 -sha $SHA                    # site, install, domain, content, backup
//	go run . up      -pr 123 -sha $SHA -deployed-sha $SHA # after the deploy step: purge the cache
//	go run . preview -pr 123 -sha $SHA                    # what would change (-expect-no-changes in CI)
//	go run . destroy -pr 123                              # pull request closed: remove its environment
//
// It runs the program inline through the Automation API: a Go program needs no language host, so
// this works where `pulumi-language-go` cannot be installed. The project folder (-dir, this one by
// default) holds Pulumi.yaml, which names the plugin, and each stack's config (credentials, accountId).
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
	"regexp"
	"strconv"

	"github.com/pulumi-wpengine/pulumi-wpengine/sdks/go/wpengine"
	"github.com/pulumi/pulumi/sdk/v3/go/auto"
	"github.com/pulumi/pulumi/sdk/v3/go/auto/optdestroy"
	"github.com/pulumi/pulumi/sdk/v3/go/auto/optpreview"
	"github.com/pulumi/pulumi/sdk/v3/go/auto/optup"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi/config"
)

// Install names are 3-14 lowercase letters and digits, unique across WP Engine.
var installName = regexp.MustCompile(`^[a-z][a-z0-9]{2,13}$`)

// program declares one pull request's environment from the stack's config.
func program(ctx *pulumi.Context) error {
	cfg := config.New(ctx, "")
	pullRequest := cfg.RequireInt("pullRequest")
	gitSha := cfg.Require("gitSha")
	accountID := cfg.Require("accountId")
	notify := []string{"ops@example.com"}
	if cfg.Get("notify") != "" {
		cfg.RequireObject("notify", &notify)
	}
	name := fmt.Sprintf("%s%d", orDefault(cfg.Get("installPrefix"), "torquepr"), pullRequest)
	// Checked here so that a long prefix or number fails before anything is created.
	if !installName.MatchString(name) {
		return fmt.Errorf("install name %q is not valid: shorten installPrefix (3-14 letters and digits in all)", name)
	}

	staging, err := lookupInstall(ctx, orDefault(cfg.Get("stagingInstall"), "torquemagstg"))
	if err != nil {
		return err
	}
	production, err := lookupInstall(ctx, orDefault(cfg.Get("productionInstall"), "torquemag"))
	if err != nil {
		return err
	}

	// One site per pull request: a WP Engine site holds one install per environment. The
	// environment is thrown away when the pull request closes, and says so in so many words.
	site, err := wpengine.NewSite(ctx, "site", &wpengine.SiteArgs{
		AccountId:          pulumi.String(accountID),
		Name:               pulumi.Sprintf("PR %d", pullRequest),
		DeletionProtection: pulumi.Bool(false),
	})
	if err != nil {
		return err
	}
	install, err := wpengine.NewInstall(ctx, "install", &wpengine.InstallArgs{
		AccountId:          pulumi.String(accountID),
		Name:               pulumi.String(name),
		SiteId:             site.SiteId,
		Environment:        wpengine.InstallEnvironmentDevelopment,
		DeletionProtection: pulumi.Bool(false),
	})
	if err != nil {
		return err
	}
	domain, err := wpengine.NewDomain(ctx, "domain", &wpengine.DomainArgs{
		InstallId:     install.InstallId,
		Name:          pulumi.Sprintf("pr-%d.%s", pullRequest, orDefault(cfg.Get("domainSuffix"), "preview.torque.news")),
		Primary:       pulumi.Bool(true),
		SecureAllUrls: pulumi.Bool(true),
	})
	if err != nil {
		return err
	}
	// Staging's content, copied once into the new install (again only if the install is replaced).
	if _, err := wpengine.NewInstallCopy(ctx, "content", &wpengine.InstallCopyArgs{
		SourceInstallId:      pulumi.String(staging.Id),
		DestinationInstallId: install.InstallId,
		NotificationEmails:   pulumi.ToStringArray(notify),
		Triggers:             pulumi.Map{"install": install.InstallId},
	}); err != nil {
		return err
	}
	// Production is backed up before each new commit is deployed.
	if _, err := wpengine.NewBackup(ctx, "pre-deploy", &wpengine.BackupArgs{
		InstallId:          pulumi.String(production.Id),
		Description:        pulumi.Sprintf("Before deploying PR %d at %s", pullRequest, gitSha),
		NotificationEmails: pulumi.ToStringArray(notify),
		Triggers:           pulumi.Map{"gitSha": pulumi.String(gitSha)},
	}); err != nil {
		return err
	}
	// After the deploy step, an `up` with the deployed commit purges the install's cache once.
	if deployed := cfg.Get("deployedSha"); deployed != "" {
		if _, err := wpengine.NewCachePurge(ctx, "after-deploy", &wpengine.CachePurgeArgs{
			InstallId: install.InstallId,
			Triggers:  pulumi.Map{"deployedSha": pulumi.String(deployed)},
		}); err != nil {
			return err
		}
	}

	ctx.Export("name", install.Name)
	ctx.Export("url", pulumi.Sprintf("https://%s", domain.Name))
	ctx.Export("cname", install.Cname)
	return nil
}

// lookupInstall finds an install of the account by name (the provider's getInstall function).
func lookupInstall(ctx *pulumi.Context, name string) (*wpengine.LookupInstallResult, error) {
	found, err := wpengine.LookupInstall(ctx, &wpengine.LookupInstallArgs{Name: &name})
	if err != nil {
		return nil, fmt.Errorf("install %q: %w", name, err)
	}
	return found, nil
}

func orDefault(value, fallback string) string {
	if value == "" {
		return fallback
	}
	return value
}

// options are the command line: which step, for which pull request and commit.
type options struct {
	step, stack, dir, gitSha, deployedSha string
	pullRequest                           int
	expectNoChanges                       bool
}

func parse(args []string) (options, error) {
	var o options
	fs := flag.NewFlagSet("go-pr-environment", flag.ContinueOnError)
	fs.IntVar(&o.pullRequest, "pr", 0, "the pull request number (required)")
	fs.StringVar(&o.gitSha, "sha", "", "the commit being deployed (required for up and preview)")
	fs.StringVar(&o.deployedSha, "deployed-sha", "", "the commit the deploy step pushed: purge the cache once for it")
	fs.StringVar(&o.stack, "stack", "", "the stack (default pr-<pr>)")
	fs.StringVar(&o.dir, "dir", ".", "the project folder: its Pulumi.yaml and the stacks' config")
	fs.BoolVar(&o.expectNoChanges, "expect-no-changes", false, "fail when the plan has changes")
	if len(args) == 0 {
		return o, errors.New("usage: go-pr-environment up|preview|destroy -pr N [-sha SHA] [flags]")
	}
	o.step = args[0]
	if err := fs.Parse(args[1:]); err != nil {
		return o, err
	}
	if o.pullRequest <= 0 {
		return o, errors.New("-pr: give the pull request number, e.g. -pr 123")
	}
	if o.stack == "" {
		o.stack = fmt.Sprintf("pr-%d", o.pullRequest)
	}
	if o.step != "destroy" && o.gitSha == "" {
		return o, errors.New("-sha: give the commit being deployed, e.g. -sha $(git rev-parse HEAD)")
	}
	return o, nil
}

func run(ctx context.Context, o options) error {
	stack, err := auto.UpsertStackInlineSource(ctx, o.stack, "", program, auto.WorkDir(o.dir))
	if err != nil {
		return err
	}
	// The command line becomes stack config, so `pulumi config` and the state say what ran.
	settings := auto.ConfigMap{"pullRequest": {Value: strconv.Itoa(o.pullRequest)}}
	if o.gitSha != "" {
		settings["gitSha"] = auto.ConfigValue{Value: o.gitSha}
	}
	if o.deployedSha != "" {
		settings["deployedSha"] = auto.ConfigValue{Value: o.deployedSha}
	} else if err := stack.RemoveConfig(ctx, "deployedSha"); err != nil {
		return err
	}
	if err := stack.SetAllConfig(ctx, settings); err != nil {
		return err
	}
	out := optup.ProgressStreams(os.Stdout)
	switch o.step {
	case "up":
		opts := []optup.Option{out}
		if o.expectNoChanges {
			opts = append(opts, optup.ExpectNoChanges())
		}
		res, err := stack.Up(ctx, opts...)
		if err != nil {
			return err
		}
		for name, value := range res.Outputs {
			fmt.Printf("output %s = %v\n", name, value.Value)
		}
		return nil
	case "preview":
		opts := []optpreview.Option{optpreview.ProgressStreams(os.Stdout)}
		if o.expectNoChanges {
			opts = append(opts, optpreview.ExpectNoChanges())
		}
		_, err := stack.Preview(ctx, opts...)
		return err
	case "destroy":
		_, err := stack.Destroy(ctx, optdestroy.ProgressStreams(os.Stdout))
		return err
	}
	return fmt.Errorf("unknown step %q: use up, preview or destroy", o.step)
}

func main() {
	o, err := parse(os.Args[1:])
	if err == nil {
		err = run(context.Background(), o)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "go-pr-environment:", err)
		os.Exit(1)
	}
}
