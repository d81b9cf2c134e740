package main

import (
	"errors"

	"github.com/spf13/cobra"
)

// Placeholder; replaced by the real command.
func newSummaryCmd(a *app) *cobra.Command {
	return &cobra.Command{Use: "summary", Hidden: true, RunE: func(*cobra.Command, []string) error { return errors.New("summary: not built yet") }}
}
