package main

import (
	"errors"

	"github.com/spf13/cobra"
)

// Placeholder; replaced by the real command.
func newEvalCmd(a *app) *cobra.Command {
	return &cobra.Command{Use: "eval", Hidden: true, RunE: func(*cobra.Command, []string) error { return errors.New("eval: not built yet") }}
}
