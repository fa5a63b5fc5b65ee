// Manage WP Engine (team access, sites, installs, domains, SSH keys, backups) as code.
package wpengine
