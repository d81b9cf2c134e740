package main

import (
	"errors"

	"github.com/spf13/cobra"
)

// Placeholder; replaced by the real command.
func newSlackCmd(a *app) *cobra.Command {
	return &cobra.Command{Use: "slack", Hidden: true, RunE: func(*cobra.Command, []string) error { return errors.New("slack: not built yet") }}
}
