package main

import (
	"errors"

	"github.com/spf13/cobra"
)

// Placeholder; replaced by the real command.
func newIngestCmd(a *app) *cobra.Command {
	return &cobra.Command{Use: "ingest", Hidden: true, RunE: func(*cobra.Command, []string) error { return errors.New("ingest: not built yet") }}
}
