// Command ferretdb-embedded runs FerretDB v1 (MongoDB wire protocol) on a PostgreSQL server.
//
// It embeds FerretDB through its public `ferretdb` package instead of `go install`ing
// cmd/ferretdb: the module zip lacks build/version/version.txt, so that binary panics at
// start, while the embedded package skips the check. PostgreSQL is FerretDB's main backend:
// it pushes filters, sorts and limits down to SQL and uses the indexes the apps create
// (the SQLite backend pushes down only `_id` equality). Used only by scripts/ferretdb.sh
// for local development and tests; docker-compose runs a real MongoDB.
package main

import (
	"context"
	"flag"
	"fmt"
	"log/slog"
	"net/http"
	_ "net/http/pprof" // served only with --debug-listen, for CPU profiles of the store
	"os"
	"os/signal"
	"runtime/debug"
	"syscall"

	"github.com/FerretDB/FerretDB/ferretdb"
)

func main() {
	listen := flag.String("listen", "127.0.0.1:27017", "TCP address to listen on")
	postgresURL := flag.String("postgresql-url", "", "PostgreSQL connection string (pgx format)")
	logLevel := flag.String("log-level", "warn", "debug, info, warn or error")
	debugListen := flag.String("debug-listen", "", "TCP address for Go's pprof handlers (off when empty)")
	flag.Parse()

	var level slog.Level
	if err := level.UnmarshalText([]byte(*logLevel)); err != nil {
		fail(err)
	}
	logger := slog.New(slog.NewJSONHandler(os.Stderr, &slog.HandlerOptions{Level: level}))

	if *postgresURL == "" {
		fail(fmt.Errorf("--postgresql-url is required"))
	}

	// FerretDB v1 decodes every document it reads into short-lived Go values, so at Go's default
	// GOGC=100 the collector took about a third of its CPU; 400 trades some memory for that
	// (a list of 100 webhooks: 16.5 ms, then 11.8 ms). GOGC in the environment still wins.
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(400)
	}

	if *debugListen != "" {
		go func() {
			logger.Warn("pprof handlers", "address", *debugListen, "error", http.ListenAndServe(*debugListen, nil))
		}()
	}

	f, err := ferretdb.New(&ferretdb.Config{
		Listener:      ferretdb.ListenerConfig{TCP: *listen},
		Logger:        logger,
		Handler:       "postgresql",
		PostgreSQLURL: *postgresURL,
	})
	if err != nil {
		fail(err)
	}

	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGINT, syscall.SIGTERM)
	defer stop()

	logger.Warn("ferretdb listening", "address", *listen, "backend", "postgresql")
	if err := f.Run(ctx); err != nil {
		fail(err)
	}
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, "ferretdb-embedded:", err)
	os.Exit(1)
}
