package main

import (
	"errors"

	"github.com/spf13/cobra"
)

// Placeholder; replaced by the real command.
func newDiscordCmd(a *app) *cobra.Command {
	return &cobra.Command{Use: "discord", Hidden: true, RunE: func(*cobra.Command, []string) error { return errors.New("discord: not built yet") }}
}
