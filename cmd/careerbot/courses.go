package main

import (
	"errors"

	"github.com/spf13/cobra"
)

// Placeholder; replaced by the real command.
func newCoursesCmd(a *app) *cobra.Command {
	return &cobra.Command{Use: "courses", Hidden: true, RunE: func(*cobra.Command, []string) error { return errors.New("courses: not built yet") }}
}
