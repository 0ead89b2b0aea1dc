#include "engine/EngineLog.h"

Q_LOGGING_CATEGORY(lcEngine, "provstation.engine", QtWarningMsg)
Q_LOGGING_CATEGORY(lcOutbox, "provstation.engine.outbox", QtWarningMsg)
