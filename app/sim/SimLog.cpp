#include "SimLog.h"

Q_LOGGING_CATEGORY(lcSim, "provstation.sim", QtWarningMsg)
