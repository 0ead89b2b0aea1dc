#include "package/PackageLog.h"

Q_LOGGING_CATEGORY(lcPackage, "provstation.package", QtWarningMsg)
