package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"time"

	"github.com/spf13/cobra"

	"github.com/careerbot/careerbot/metrics"
)

// serveOptions are the serve command's flags.
type serveOptions struct {
	grace      time.Duration
	playground string // auto, on or off
}

func newServeCmd(a *app) *cobra.Command {
	var o serveOptions
	cmd := &cobra.Command{
		Use:         "serve",
		Annotations: operational,
		Short:       "Run every configured chat adapter, the browser playground, health checks and metrics",
		Long: `serve runs the bot for real, in one process: the Discord gateway (DISCORD_BOT_TOKEN),
Discord HTTP interactions at /discord/interactions (DISCORD_PUBLIC_KEY), Slack Socket
Mode (SLACK_BOT_TOKEN + SLACK_APP_TOKEN) and Slack HTTP mode at /slack/events,
/slack/commands and /slack/interactions (SLACK_SIGNING_SECRET), whichever the
configuration enables, plus an HTTP server on HTTP_ADDR with /healthz, /readyz and
/metrics.

The browser playground at / answers as the same bot, with you as a moderator. By
default it is served only when HTTP_ADDR is a loopback address; --playground=on serves
it on any address, --playground=off never. Either way it answers only requests from
this machine (a loopback client, Host localhost or a loopback address, no Forwarded or
X-Forwarded-* headers); anything else gets 403.

An adapter that cannot connect (a rejected token, an unreachable platform) is logged
with the variable to fix, and the others keep running. SIGINT or SIGTERM stops
accepting new work, lets answers in flight finish within --grace, and exits 0.`,
		Args: exactArgs(0),
		RunE: func(cmd *cobra.Command, _ []string) error {
			if o.grace <= 0 {
				return usagef("--grace must be a positive duration such as 10s")
			}
			switch o.playground {
			case "auto", "on", "off":
			default:
				return usagef("--playground must be auto, on or off, not %q", o.playground)
			}
			return a.serve(cmd.Context(), o)
		},
	}
	cmd.Flags().DurationVar(&o.grace, "grace", 10*time.Second, "time answers in flight get to finish on shutdown")
	cmd.Flags().StringVar(&o.playground, "playground", "auto", "serve the browser playground at /: auto (only on a loopback HTTP_ADDR), on or off")
	return cmd
}

// serve runs until ctx is done or nothing is left serving members. See newServeCmd.
func (a *app) serve(ctx context.Context, o serveOptions) error {
	m := metrics.New()
	a.observer = m // before the router and the answering layer are built, so both report to it
	h, err := a.router(ctx)
	if err != nil {
		return fmt.Errorf("start the bot: %w", err)
	}
	st, err := a.store(ctx)
	if err != nil {
		return fmt.Errorf("open the store: %w", err)
	}
	eng, err := a.engine(ctx)
	if err != nil {
		return fmt.Errorf("load the index: %w", err)
	}
	salt, err := a.userSalt(ctx)
	if err != nil {
		return fmt.Errorf("open the store: %w", err)
	}
	plats, err := a.platforms(h, salt, m, o.grace)
	if err != nil {
		return err
	}
	playground := o.playground == "on" || (o.playground == "auto" && loopback(a.cfg.HTTPAddr))
	if !playground && o.playground == "auto" {
		a.log.Info("playground off: HTTP_ADDR is not a loopback address and the playground user is a moderator; pass --playground=on to serve it anyway",
			"http_addr", a.cfg.HTTPAddr)
	}
	if len(plats.runners) == 0 && len(plats.mounts) == 0 && !playground {
		return errors.New("nothing to serve: no Discord or Slack credentials and the playground is off; set the DISCORD_* or SLACK_* variables (see .env.example) or pass --playground=on")
	}
	ln, err := net.Listen("tcp", a.cfg.HTTPAddr)
	if err != nil {
		return fmt.Errorf("listen on HTTP_ADDR %s: %w (choose a free host:port)", a.cfg.HTTPAddr, err)
	}
	srv := &http.Server{
		Handler:           a.serveMux(h, st, eng, m, plats, playground),
		ReadHeaderTimeout: readHeaderTimeout,
		ReadTimeout:       readTimeout,
		MaxHeaderBytes:    maxHeaderBytes,
		IdleTimeout:       2 * time.Minute,
		ErrorLog:          slog.NewLogLogger(a.log.Handler(), slog.LevelWarn),
	}
	return a.runServer(ctx, o, srv, ln, plats, playground)
}

// runServer serves on ln and runs the adapters until ctx is done or nothing is left
// serving members, then shuts everything down within o.grace.
func (a *app) runServer(ctx context.Context, o serveOptions, srv *http.Server, ln net.Listener, plats platforms, playground bool) error {
	httpErr := make(chan error, 1)
	go func() { httpErr <- srv.Serve(ln) }()
	base := "http://" + displayAddr(ln.Addr())
	a.log.Info("serving", "addr", ln.Addr().String(), "adapters", plats.names, "playground", playground, "grace", o.grace)
	if playground {
		fmt.Fprintf(a.stdout, "Playground: %s/\n", base)
	}
	fmt.Fprintf(a.stdout, "Health: %s/healthz  Readiness: %s/readyz  Metrics: %s/metrics\n", base, base, base)

	runCtx, stopRunners := context.WithCancel(ctx)
	defer stopRunners()
	done := make(chan runResult, len(plats.runners))
	for _, r := range plats.runners {
		go func() { done <- runResult{r.name, r.fix, r.run(runCtx)} }()
	}
	httpServing := playground || len(plats.mounts) > 0
	result := a.supervise(ctx, done, httpErr, len(plats.runners), httpServing)

	a.log.Info("shutting down: no new requests; answers in flight get the grace period", "grace", o.grace)
	stopRunners()
	grace, cancel := context.WithTimeout(context.Background(), o.grace)
	defer cancel()
	if err := srv.Shutdown(grace); err != nil {
		a.log.Warn("requests still running after the grace period were cut off", "err", err)
		_ = srv.Close()
	}
	for _, drain := range plats.drains {
		if err := drain(grace); err != nil {
			a.log.Warn("answers still in flight after the grace period were cancelled", "err", err)
		}
	}
	for range len(plats.runners) - result.finished {
		<-done // each adapter's Run returns within its own grace period
	}
	if result.err != nil {
		return result.err
	}
	a.log.Info("stopped")
	return nil
}

// runResult is how an adapter's Run ended.
type runResult struct {
	name, fix string
	err       error
}

// supervised is what supervise saw: how many adapters finished, and the error that
// ends the process, if any.
type supervised struct {
	finished int
	err      error
}

// supervise waits until ctx is done (a clean stop) or nothing is left serving
// members. An adapter that stops early is logged at Error with its cause and what to
// fix, and the others keep running; it is not restarted (its Run already reconnects
// after drops, so an early return means a rejected token or an unreachable platform).
// The HTTP server failing ends the process.
func (a *app) supervise(ctx context.Context, done <-chan runResult, httpErr <-chan error, runners int, httpServing bool) supervised {
	var s supervised
	for {
		select {
		case <-ctx.Done():
			return s
		case err := <-httpErr:
			s.err = fmt.Errorf("http server on HTTP_ADDR stopped: %w", err)
			a.log.Error("http server stopped", "err", err)
			return s
		case r := <-done:
			s.finished++
			if ctx.Err() != nil {
				continue // stopping anyway
			}
			err := r.err
			if err == nil {
				err = errors.New("stopped unexpectedly")
			}
			a.log.Error("adapter stopped; the others keep running", "adapter", r.name, "err", err, "fix", r.fix)
			if s.finished == runners && !httpServing {
				s.err = fmt.Errorf("every adapter has stopped; last: %s: %w", r.name, err)
				return s
			}
		}
	}
}

// loopback reports whether the host of addr (host:port) is a loopback address.
func loopback(addr string) bool {
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		return false
	}
	if host == "localhost" {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// displayAddr is addr as a browser can reach it: an unspecified host (0.0.0.0, ::)
// becomes localhost.
func displayAddr(addr net.Addr) string {
	host, port, err := net.SplitHostPort(addr.String())
	if err != nil {
		return addr.String()
	}
	if ip := net.ParseIP(host); ip == nil || ip.IsUnspecified() {
		host = "localhost"
	}
	return net.JoinHostPort(host, port)
}
