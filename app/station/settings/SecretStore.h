#pragma once

#include "domain/Result.h"

#include <QObject>
#include <QString>

#include <functional>

namespace prov::gui {

/// Secrets of the station (its server token, stored passwords) in the OS
/// keychain through QtKeychain (service "provstation"). Where no keychain
/// works (a Linux PC without a desktop session or Secret Service), it falls
/// back to one file per secret readable only by the user
/// (<config>/secrets/<key>, mode 0600, folder 0700) and says so loudly:
/// fallbackActivated() carries the reason for the window to show. The
/// environment variable PROVSTATION_SECRETS=file selects the file store
/// outright (kiosk images, tests). See docs/gui.md.
class SecretStore : public QObject
{
    Q_OBJECT

public:
    static constexpr const char *kService = "provstation";
    static constexpr const char *kStationTokenKey = "station-token";

    using ReadCallback = std::function<void(const Result<QString> &)>; ///< empty text: no such secret
    using StatusCallback = std::function<void(const Status &)>;

    explicit SecretStore(QObject *parent = nullptr);

    /// Where fallback files go (default: the application's config folder + "/secrets").
    void setFallbackDirectory(const QString &dir) { m_fallbackDir = dir; }
    [[nodiscard]] QString fallbackDirectory() const { return m_fallbackDir; }
    [[nodiscard]] bool usingFallback() const { return m_fallback; }
    [[nodiscard]] QString fallbackReason() const { return m_fallbackReason; }
    /// How long a keychain that never answers (an unlock prompt nobody sees) is waited for.
    void setKeychainTimeout(int ms) { m_timeoutMs = ms; }

    void read(const QString &key, QObject *context, ReadCallback done);
    void write(const QString &key, const QString &value, QObject *context, StatusCallback done);
    void remove(const QString &key, QObject *context, StatusCallback done);

Q_SIGNALS:
    void fallbackActivated(const QString &reason);
    /// Any write that failed (besides the callback), so a closed dialog's
    /// failure still reaches the window.
    void writeFailed(const prov::Error &error);

private:
    void activateFallback(const QString &reason);
    [[nodiscard]] QString filePath(const QString &key) const;
    [[nodiscard]] Result<QString> readFile(const QString &key) const;
    [[nodiscard]] Status writeFile(const QString &key, const QString &value) const;
    [[nodiscard]] Status removeFile(const QString &key) const;
    [[nodiscard]] static bool keychainPlausible(QString *why);

    QString m_fallbackDir;
    bool m_fallback = false;
    QString m_fallbackReason;
    int m_timeoutMs = 5000;
};

} // namespace prov::gui
