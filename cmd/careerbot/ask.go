package main

import (
	"errors"

	"github.com/spf13/cobra"
)

// Placeholder; replaced by the real command.
func newAskCmd(a *app) *cobra.Command {
	return &cobra.Command{Use: "ask", Hidden: true, RunE: func(*cobra.Command, []string) error { return errors.New("ask: not built yet") }}
}
