package main

import (
	"fmt"
	"time"

	"github.com/spf13/cobra"
)

func newIngestCmd(a *app) *cobra.Command {
	return &cobra.Command{
		Use:         "ingest",
		Annotations: operational,
		Short:       "Build or refresh the search index in DATA_DIR",
		Long: `Build or refresh the search index in DATA_DIR: chunk the corpus, embed the chunks
that are new or changed (all of them the first time, or after a change of EMBEDDINGS or
EMBEDDING_MODEL) and save the index file. Other commands do the same on first use.`,
		Args: exactArgs(0),
		RunE: func(cmd *cobra.Command, _ []string) error {
			start := time.Now()
			eng, err := a.engine(cmd.Context())
			if err != nil {
				return err
			}
			st := eng.Stats()
			file := st.File
			if file == "" {
				file = "(memory only)"
			}
			fmt.Fprintf(a.stdout, "%d chunks: %d embedded, %d reused; %s/%s, %d dimensions; index %s; %s\n",
				st.Chunks, st.Embedded, st.Loaded, st.Embedder, st.Model, st.Dimension, file,
				time.Since(start).Round(time.Millisecond))
			return nil
		},
	}
}
