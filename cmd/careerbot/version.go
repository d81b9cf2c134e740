package main

import (
	"fmt"
	"runtime/debug"

	"github.com/spf13/cobra"
)

// version is the release version, set at build time with
// -ldflags "-X main.version=v1.2.3"; builds from a checkout report the module version
// or "devel".
var version = ""

// buildInfo is what "careerbot version" prints.
type buildInfo struct {
	Version   string `json:"version"`
	Commit    string `json:"commit"`
	Modified  bool   `json:"modified"`
	GoVersion string `json:"go_version"`
}

// readBuildInfo gathers the version, VCS commit and Go version embedded in the binary.
func readBuildInfo() buildInfo {
	b := buildInfo{Version: version, Commit: "unknown"}
	info, ok := debug.ReadBuildInfo()
	if !ok {
		return b
	}
	b.GoVersion = info.GoVersion
	if b.Version == "" {
		b.Version = info.Main.Version
	}
	if b.Version == "" || b.Version == "(devel)" {
		b.Version = "devel"
	}
	for _, s := range info.Settings {
		switch s.Key {
		case "vcs.revision":
			b.Commit = s.Value
		case "vcs.modified":
			b.Modified = s.Value == "true"
		}
	}
	return b
}

func newVersionCmd(a *app) *cobra.Command {
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "version [--json]",
		Short: "Print the version, commit and Go version of this binary",
		Args:  exactArgs(0),
		// version reads no configuration: it works even when a variable is invalid.
		PersistentPreRunE: func(*cobra.Command, []string) error { return nil },
		RunE: func(*cobra.Command, []string) error {
			b := readBuildInfo()
			if asJSON {
				return writeJSON(a.stdout, b)
			}
			commit := b.Commit
			if b.Modified {
				commit += " (modified)"
			}
			_, err := fmt.Fprintf(a.stdout, "careerbot %s\ncommit %s\n%s\n", b.Version, commit, b.GoVersion)
			return err
		},
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, `print {"version","commit","modified","go_version"}`)
	return cmd
}
