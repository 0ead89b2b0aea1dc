#pragma once

#include "scan/KeyboardWedgeDetector.h"
#include "scan/ScanClassifier.h"
#include "settings/SlotBinding.h"
#include "slots/SlotRunOptions.h"

#include <QMap>
#include <QSettings>
#include <QStringList>
#include <QUrl>
#include <QVariantMap>

#include <memory>

namespace prov::gui {

/// The station's settings, stored with QSettings (no secrets: those go to
/// SecretStore). Changing them needs a supervisor or admin login; the
/// operator's job selection (configuration, batch, operation) is kept here too
/// so a restart resumes it.
class StationSettings
{
public:
    /// The user's native settings (ProvStation/provstation).
    StationSettings();
    /// An INI file (tests, portable installs).
    explicit StationSettings(const QString &iniPath);
    ~StationSettings();

    [[nodiscard]] QSettings &store() { return *m_settings; }
    [[nodiscard]] QString fileName() const { return m_settings->fileName(); }
    void sync() { m_settings->sync(); }

    // Server
    /// The server the settings name, or http://127.0.0.1:8085 when they name none.
    [[nodiscard]] QUrl serverUrl() const;
    void setServerUrl(const QUrl &url);
    /// Whether the settings name a server (see StationServer for what wins).
    [[nodiscard]] bool hasServerUrl() const;
    /// Forgets the server address and pins, so the station's pairing decides.
    void clearServer();
    [[nodiscard]] QStringList certificatePins() const;
    void setCertificatePins(const QStringList &pins);
    [[nodiscard]] QString gatewayHost() const;
    void setGatewayHost(const QString &host);
    [[nodiscard]] int gatewayControlPort() const;
    void setGatewayControlPort(int port);

    // Station
    [[nodiscard]] QString stationName() const;
    void setStationName(const QString &name);
    [[nodiscard]] QList<SlotBinding> slotBindings() const;
    void setSlotBindings(const QList<SlotBinding> &bindings);
    /// The run options of each slot group by name (a slot names its group in its binding).
    [[nodiscard]] QMap<QString, SlotRunOptions> slotGroups() const;
    /// Groups whose options are all defaults are not kept.
    void setSlotGroups(const QMap<QString, SlotRunOptions> &groups);
    /// Per-plugin defaults (family -> key -> value), as the plugin's schema names them.
    [[nodiscard]] QVariantMap pluginDefaults(const QString &family) const;
    void setPluginDefaults(const QString &family, const QVariantMap &values);
    [[nodiscard]] QStringList pluginFamiliesWithDefaults() const;

    // Scanning
    /// The supervisor's patterns, else the defaults derived from the plugins'
    /// scan fields (ScanClassifier::defaultPatterns).
    [[nodiscard]] QList<ScanPattern> scanPatterns(const QList<engine::PluginDescription> &plugins) const;
    /// Patterns equal to the plugins' defaults are not stored, so that they
    /// follow the plugins as these change.
    void setScanPatterns(const QList<ScanPattern> &patterns, const QList<engine::PluginDescription> &plugins);
    [[nodiscard]] WedgeTiming wedgeTiming() const;
    void setWedgeTiming(const WedgeTiming &timing);
    [[nodiscard]] QString serialScannerPort() const;
    void setSerialScannerPort(const QString &port);
    [[nodiscard]] int serialScannerBaud() const;
    void setSerialScannerBaud(int baud);
    [[nodiscard]] bool autoStartOnScan() const;
    void setAutoStartOnScan(bool on);

    // Runs
    /// How many times the operator may retry a failed unit before the window
    /// asks to reject it instead (a supervisor sets it; default kDefaultRetryLimit).
    [[nodiscard]] int retryLimit() const;
    void setRetryLimit(int retries);
    static constexpr int kDefaultRetryLimit = 3;

    // Operator interface
    [[nodiscard]] QString language() const;
    void setLanguage(const QString &language);
    [[nodiscard]] bool soundsEnabled() const;
    void setSoundsEnabled(bool on);

    // The job (not settings: operators choose them)
    [[nodiscard]] QString configAlias() const;
    void setConfigAlias(const QString &alias);
    [[nodiscard]] QString batch() const;
    void setBatch(const QString &batch);
    [[nodiscard]] QString operation() const;
    void setOperation(const QString &operation);

private:
    std::unique_ptr<QSettings> m_settings;
};

} // namespace prov::gui
