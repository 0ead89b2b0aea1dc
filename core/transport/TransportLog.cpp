#include "transport/TransportLog.h"

Q_LOGGING_CATEGORY(lcTransport, "provstation.transport", QtWarningMsg)
Q_LOGGING_CATEGORY(lcTransportOrw, "provstation.transport.orw", QtWarningMsg)
Q_LOGGING_CATEGORY(lcTransportReliable, "provstation.transport.reliable", QtWarningMsg)
Q_LOGGING_CATEGORY(lcTransportPsem, "provstation.transport.psem", QtWarningMsg)
