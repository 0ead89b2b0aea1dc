#pragma once

#include <QLoggingCategory>

// One logging category per module. Enable with QT_LOGGING_RULES, e.g.
// "provstation.transport.*.debug=true". Nothing secret is ever logged: key
// material lives in crypto::SecretBytes, which cannot be streamed.
Q_DECLARE_LOGGING_CATEGORY(lcDomain)
Q_DECLARE_LOGGING_CATEGORY(lcCrypto)
Q_DECLARE_LOGGING_CATEGORY(lcPackage)
Q_DECLARE_LOGGING_CATEGORY(lcTransport)
Q_DECLARE_LOGGING_CATEGORY(lcTransportOrw)
Q_DECLARE_LOGGING_CATEGORY(lcTransportReliable)
Q_DECLARE_LOGGING_CATEGORY(lcTransportPsem)
Q_DECLARE_LOGGING_CATEGORY(lcProtocol)
Q_DECLARE_LOGGING_CATEGORY(lcEngine)
Q_DECLARE_LOGGING_CATEGORY(lcOutbox)
Q_DECLARE_LOGGING_CATEGORY(lcServer)
Q_DECLARE_LOGGING_CATEGORY(lcServerHttp)
Q_DECLARE_LOGGING_CATEGORY(lcServerStore)
Q_DECLARE_LOGGING_CATEGORY(lcSim)
Q_DECLARE_LOGGING_CATEGORY(lcApp)
