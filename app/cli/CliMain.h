#pragma once

#include <QString>

#include <functional>

/// The whole of provstation-cli: parses the options, wires the services and
/// runs the event loop. `stepBoundary` is for the crash test's build only
/// (engine::RunServices::stepBoundary); the program passes none.
int cliMain(int argc, char *argv[], const std::function<void(const QString &)> &stepBoundary = {});
