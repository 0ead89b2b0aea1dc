#include "protocol/ProtocolLog.h"

Q_LOGGING_CATEGORY(lcProtocol, "provstation.protocol", QtWarningMsg)
