// Package binarytest builds the careerbot binary and runs `careerbot serve` as a
// separate process, for tests that treat it as a black box: what an operator would
// run, with its real signal handling, files and exit codes.
package binarytest

import (
	"bufio"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/careerbot/careerbot/bot/bottest"
)

// stopGuard bounds waiting for a process to exit; it only guards against a hang.
const stopGuard = 5 * time.Minute

// Build builds careerbot into a temporary directory, with the race detector when race
// is set, and returns the binary's path. It skips the test under -short.
func Build(tb testing.TB, race bool) string {
	tb.Helper()
	if testing.Short() {
		tb.Skip("builds and runs the careerbot binary")
	}
	bin := filepath.Join(tb.TempDir(), "careerbot")
	args := []string{"build", "-o", bin}
	if race {
		args = append(args, "-race")
	}
	out, err := exec.Command("go", append(args, "github.com/careerbot/careerbot/cmd/careerbot")...).CombinedOutput()
	if err != nil {
		tb.Fatalf("go build: %v\n%s", err, out)
	}
	return bin
}

// Process is a running `careerbot serve`.
type Process struct {
	Base   string             // http://host:port of HTTP_ADDR
	Stderr *bottest.LogBuffer // its logs
	cmd    *exec.Cmd
	done   chan error // Wait's result once the process has ended; refilled by readers
}

// Start runs `bin serve` with env (and nothing else from this environment but PATH,
// HTTP_ADDR being 127.0.0.1:0 unless env sets it), waits until it prints its address
// and returns it. The process is killed when the test ends. ok is false, with the
// reason reported by tb.Errorf (so Start may run in its own goroutine), when it does
// not start or exits before printing its address.
func Start(tb testing.TB, bin string, env map[string]string) (p *Process, ok bool) {
	tb.Helper()
	cmd := exec.Command(bin, "serve")
	cmd.Dir = tb.TempDir() // no .env file around
	cmd.Env = []string{"PATH=" + os.Getenv("PATH"), "HOME=" + cmd.Dir, "HTTP_ADDR=127.0.0.1:0"}
	for k, v := range env {
		cmd.Env = append(cmd.Env, k+"="+v)
	}
	p = &Process{Stderr: &bottest.LogBuffer{}, cmd: cmd, done: make(chan error, 1)}
	cmd.Stderr = p.Stderr
	out, err := cmd.StdoutPipe()
	if err == nil {
		err = cmd.Start()
	}
	if err != nil {
		tb.Errorf("start %s serve: %v", bin, err)
		return p, false
	}
	sc := bufio.NewScanner(out)
	for p.Base == "" && sc.Scan() {
		if rest, ok := strings.CutPrefix(sc.Text(), "Health: "); ok {
			p.Base = strings.TrimSuffix(strings.Fields(rest)[0], "/healthz")
		}
	}
	go func() { // keep the pipe drained until the process dies
		for sc.Scan() {
		}
		p.done <- cmd.Wait()
	}()
	tb.Cleanup(func() {
		_ = cmd.Process.Kill()
		p.wait()
	})
	if p.Base == "" {
		tb.Errorf("serve printed no address; stderr:\n%s", p.Stderr.String())
		return p, false
	}
	return p, true
}

// wait waits for the process to end and returns how it ended (ok false after the
// guard ran out).
func (p *Process) wait() (err error, ok bool) {
	select {
	case err = <-p.done:
		p.done <- err // for the next caller
		return err, true
	case <-time.After(stopGuard):
		return nil, false
	}
}

// Ready reports whether GET /readyz answers 200.
func (p *Process) Ready() bool {
	resp, err := http.Get(p.Base + "/readyz")
	if err != nil {
		return false
	}
	resp.Body.Close()
	return resp.StatusCode == http.StatusOK
}

// Stop sends sig (SIGTERM for a graceful stop, SIGKILL for a crash) and waits for the
// process to end. With SIGTERM it reports whether the exit was clean; failures are
// reported by tb.Errorf.
func (p *Process) Stop(tb testing.TB, sig syscall.Signal) bool {
	tb.Helper()
	if err := p.cmd.Process.Signal(sig); err != nil {
		tb.Errorf("signal serve: %v", err)
		return false
	}
	err, ok := p.wait()
	switch {
	case !ok:
		tb.Errorf("serve did not end after %v; stderr:\n%s", sig, p.Stderr.String())
	case sig == syscall.SIGTERM && err != nil:
		tb.Errorf("serve exited with %v; stderr:\n%s", err, p.Stderr.String())
	default:
		return true
	}
	return false
}
