// Worker mode: `salesmetrics-server --plugin_worker`, started by the server
// for an isolated plugin (server/isolated_plugin.h), never by hand. It loads
// that one plugin and serves its metrics through the same MetricsService
// and engine as the server, over the socket the server handed it
// (server/worker_process.h), until the server goes.
#ifndef SALESMETRICS_SERVER_PLUGIN_WORKER_H_
#define SALESMETRICS_SERVER_PLUGIN_WORKER_H_

namespace salesmetrics {

// Returns the process's exit code.
int RunPluginWorker();

}  // namespace salesmetrics

#endif  // SALESMETRICS_SERVER_PLUGIN_WORKER_H_
