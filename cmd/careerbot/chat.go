package main

import (
	"errors"

	"github.com/spf13/cobra"
)

// Placeholder; replaced by the real command.
func newChatCmd(a *app) *cobra.Command {
	return &cobra.Command{Use: "chat", Hidden: true, RunE: func(*cobra.Command, []string) error { return errors.New("chat: not built yet") }}
}
