package main

import (
	"errors"

	"github.com/spf13/cobra"
)

// Placeholder; replaced by the real command.
func newReportCmd(a *app) *cobra.Command {
	return &cobra.Command{Use: "report", Hidden: true, RunE: func(*cobra.Command, []string) error { return errors.New("report: not built yet") }}
}
