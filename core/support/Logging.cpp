#include "support/Logging.h"

Q_LOGGING_CATEGORY(lcDomain, "provstation.domain", QtWarningMsg)
Q_LOGGING_CATEGORY(lcCrypto, "provstation.crypto", QtWarningMsg)
Q_LOGGING_CATEGORY(lcPackage, "provstation.package", QtWarningMsg)
Q_LOGGING_CATEGORY(lcTransport, "provstation.transport", QtWarningMsg)
Q_LOGGING_CATEGORY(lcTransportOrw, "provstation.transport.orw", QtWarningMsg)
Q_LOGGING_CATEGORY(lcTransportReliable, "provstation.transport.reliable", QtWarningMsg)
Q_LOGGING_CATEGORY(lcTransportPsem, "provstation.transport.psem", QtWarningMsg)
Q_LOGGING_CATEGORY(lcProtocol, "provstation.protocol", QtWarningMsg)
Q_LOGGING_CATEGORY(lcEngine, "provstation.engine", QtWarningMsg)
Q_LOGGING_CATEGORY(lcOutbox, "provstation.engine.outbox", QtWarningMsg)
// The server's own messages and access log are on unless the rules turn them off.
Q_LOGGING_CATEGORY(lcServer, "provstation.server", QtInfoMsg)
Q_LOGGING_CATEGORY(lcServerHttp, "provstation.server.http", QtInfoMsg)
Q_LOGGING_CATEGORY(lcServerStore, "provstation.server.store", QtWarningMsg)
Q_LOGGING_CATEGORY(lcSim, "provstation.sim", QtWarningMsg)
Q_LOGGING_CATEGORY(lcApp, "provstation.app", QtWarningMsg)
