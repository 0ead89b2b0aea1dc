#include "settings/StationSettings.h"

#include <QLocale>
#include <QSysInfo>

namespace prov::gui {

namespace {
const QString kServerUrl = QStringLiteral("server/url");
const QString kPins = QStringLiteral("server/certificatePins");
const QString kGatewayHost = QStringLiteral("gateway/host");
const QString kGatewayPort = QStringLiteral("gateway/controlPort");
const QString kStationName = QStringLiteral("station/name");
const QString kSlots = QStringLiteral("slots");
const QString kSlotGroups = QStringLiteral("slotGroups");
const QString kPatterns = QStringLiteral("scan/patterns");
const QString kInterKey = QStringLiteral("scan/maxInterKeyMs");
const QString kMinLength = QStringLiteral("scan/minLength");
const QString kSerialPort = QStringLiteral("scan/serialPort");
const QString kSerialBaud = QStringLiteral("scan/serialBaud");
const QString kAutoStart = QStringLiteral("scan/autoStart");
const QString kRetryLimit = QStringLiteral("runs/retryLimit");
const QString kLanguage = QStringLiteral("ui/language");
const QString kSounds = QStringLiteral("ui/sounds");
const QString kConfig = QStringLiteral("job/configAlias");
const QString kBatch = QStringLiteral("job/batch");
const QString kOperation = QStringLiteral("job/operation");

/// The defaults before they were derived from the plugins.
QList<ScanPattern> legacyDefaultPatterns()
{
    return {
        {ScanKind::SlotLabel, QStringLiteral("(?i)SLOT[-: ]?(?<value>\\d{1,2})")},
        {ScanKind::ConfigAlias, QStringLiteral("(?i)CFG[:-](?<value>\\S.*)")},
        {ScanKind::BatchNumber, QStringLiteral("(?i)(?:BATCH|SO)[:-](?<value>\\S+)")},
        {ScanKind::EmcmId, QStringLiteral("(?i)(?:MCM[:-]?)?(?<value>[0-9A-F]{16})")},
        {ScanKind::MeterSerial, QStringLiteral("(?i)(?:SN[:-]?)?(?<value>\\d{6,12})")},
    };
}

} // namespace

StationSettings::StationSettings()
    : m_settings(std::make_unique<QSettings>(QStringLiteral("ProvStation"), QStringLiteral("provstation")))
{ }

StationSettings::StationSettings(const QString &iniPath)
    : m_settings(std::make_unique<QSettings>(iniPath, QSettings::IniFormat))
{ }

StationSettings::~StationSettings() = default;

QUrl StationSettings::serverUrl() const
{
    return QUrl(m_settings->value(kServerUrl, QStringLiteral("http://127.0.0.1:8085")).toString());
}

void StationSettings::setServerUrl(const QUrl &url)
{
    m_settings->setValue(kServerUrl, url.toString());
}

bool StationSettings::hasServerUrl() const
{
    return !m_settings->value(kServerUrl).toString().isEmpty();
}

void StationSettings::clearServer()
{
    m_settings->remove(kServerUrl);
    m_settings->remove(kPins);
}

QStringList StationSettings::certificatePins() const
{
    return m_settings->value(kPins).toStringList();
}

void StationSettings::setCertificatePins(const QStringList &pins)
{
    m_settings->setValue(kPins, pins);
}

QString StationSettings::gatewayHost() const
{
    return m_settings->value(kGatewayHost, QStringLiteral("localhost")).toString();
}

void StationSettings::setGatewayHost(const QString &host)
{
    m_settings->setValue(kGatewayHost, host);
}

int StationSettings::gatewayControlPort() const
{
    return m_settings->value(kGatewayPort, 4021).toInt();
}

void StationSettings::setGatewayControlPort(int port)
{
    m_settings->setValue(kGatewayPort, port);
}

QString StationSettings::stationName() const
{
    return m_settings->value(kStationName, QSysInfo::machineHostName()).toString();
}

void StationSettings::setStationName(const QString &name)
{
    m_settings->setValue(kStationName, name);
}

QList<SlotBinding> StationSettings::slotBindings() const
{
    QList<SlotBinding> bindings;
    const int count = m_settings->beginReadArray(kSlots);
    for (int i = 0; i < count; ++i) {
        m_settings->setArrayIndex(i);
        SlotBinding b;
        b.label = m_settings->value(QStringLiteral("label"), QString::number(i + 1)).toString();
        b.kind = SlotBinding::kindFromKey(m_settings->value(QStringLiteral("bind")).toString());
        b.value = m_settings->value(QStringLiteral("value")).toString();
        b.family = m_settings->value(QStringLiteral("family")).toString();
        b.operation = m_settings->value(QStringLiteral("operation")).toString();
        b.group = m_settings->value(QStringLiteral("group")).toString();
        bindings.append(b);
    }
    m_settings->endArray();
    return bindings;
}

void StationSettings::setSlotBindings(const QList<SlotBinding> &bindings)
{
    m_settings->remove(kSlots);
    m_settings->beginWriteArray(kSlots, int(bindings.size()));
    for (int i = 0; i < int(bindings.size()); ++i) {
        m_settings->setArrayIndex(i);
        const SlotBinding &b = bindings.at(i);
        m_settings->setValue(QStringLiteral("label"), b.label);
        m_settings->setValue(QStringLiteral("bind"), SlotBinding::kindKey(b.kind));
        m_settings->setValue(QStringLiteral("value"), b.value);
        m_settings->setValue(QStringLiteral("family"), b.family);
        m_settings->setValue(QStringLiteral("operation"), b.operation);
        if (!b.group.isEmpty())
            m_settings->setValue(QStringLiteral("group"), b.group);
    }
    m_settings->endArray();
}

QMap<QString, SlotRunOptions> StationSettings::slotGroups() const
{
    // An array, not a group per name: a group's name is the supervisor's
    // text and may hold what QSettings takes for a key separator.
    QMap<QString, SlotRunOptions> groups;
    const int count = m_settings->beginReadArray(kSlotGroups);
    for (int i = 0; i < count; ++i) {
        m_settings->setArrayIndex(i);
        const QString name = m_settings->value(QStringLiteral("name")).toString();
        if (name.isEmpty())
            continue;
        SlotRunOptions o;
        o.joinTimeoutS
            = qBound(0, m_settings->value(QStringLiteral("joinTimeoutS"), 0).toInt(), SlotRunOptions::kMaxJoinTimeoutS);
        o.factoryConfig = m_settings->value(QStringLiteral("factoryConfig"), false).toBool();
        o.skipKeys = m_settings->value(QStringLiteral("skipKeys"), false).toBool();
        o.skipLock = m_settings->value(QStringLiteral("skipLock"), false).toBool();
        groups.insert(name, o);
    }
    m_settings->endArray();
    return groups;
}

void StationSettings::setSlotGroups(const QMap<QString, SlotRunOptions> &groups)
{
    m_settings->remove(kSlotGroups);
    QList<std::pair<QString, SlotRunOptions>> kept;
    for (auto it = groups.cbegin(); it != groups.cend(); ++it) {
        if (!it.key().isEmpty() && !it.value().isDefault())
            kept.append({it.key(), it.value()});
    }
    m_settings->beginWriteArray(kSlotGroups, int(kept.size()));
    for (int i = 0; i < int(kept.size()); ++i) {
        m_settings->setArrayIndex(i);
        const auto &[name, o] = kept.at(i);
        m_settings->setValue(QStringLiteral("name"), name);
        m_settings->setValue(QStringLiteral("joinTimeoutS"), o.joinTimeoutS);
        m_settings->setValue(QStringLiteral("factoryConfig"), o.factoryConfig);
        m_settings->setValue(QStringLiteral("skipKeys"), o.skipKeys);
        m_settings->setValue(QStringLiteral("skipLock"), o.skipLock);
    }
    m_settings->endArray();
}

QVariantMap StationSettings::pluginDefaults(const QString &family) const
{
    return m_settings->value(QStringLiteral("plugins/%1").arg(family)).toMap();
}

void StationSettings::setPluginDefaults(const QString &family, const QVariantMap &values)
{
    m_settings->setValue(QStringLiteral("plugins/%1").arg(family), values);
}

QStringList StationSettings::pluginFamiliesWithDefaults() const
{
    m_settings->beginGroup(QStringLiteral("plugins"));
    QStringList keys = m_settings->childKeys();
    m_settings->endGroup();
    return keys;
}

QList<ScanPattern> StationSettings::scanPatterns(const QList<engine::PluginDescription> &plugins) const
{
    if (!m_settings->contains(kPatterns + QStringLiteral("/size")))
        return ScanClassifier::defaultPatterns(plugins);
    QList<ScanPattern> patterns;
    const int count = m_settings->beginReadArray(kPatterns);
    for (int i = 0; i < count; ++i) {
        m_settings->setArrayIndex(i);
        patterns.append(ScanPattern {scanKindFromKey(m_settings->value(QStringLiteral("kind")).toString()),
            m_settings->value(QStringLiteral("pattern")).toString()});
    }
    m_settings->endArray();
    // Settings saved with the fixed defaults of earlier versions (which knew
    // no 8-digit eMCM ID or lettered serial) take the plugins' defaults.
    if (patterns == legacyDefaultPatterns())
        return ScanClassifier::defaultPatterns(plugins);
    return patterns;
}

void StationSettings::setScanPatterns(
    const QList<ScanPattern> &patterns, const QList<engine::PluginDescription> &plugins)
{
    m_settings->remove(kPatterns);
    if (patterns == ScanClassifier::defaultPatterns(plugins))
        return;
    m_settings->beginWriteArray(kPatterns, int(patterns.size()));
    for (int i = 0; i < int(patterns.size()); ++i) {
        m_settings->setArrayIndex(i);
        m_settings->setValue(QStringLiteral("kind"), scanKindKey(patterns.at(i).kind));
        m_settings->setValue(QStringLiteral("pattern"), patterns.at(i).pattern);
    }
    m_settings->endArray();
}

WedgeTiming StationSettings::wedgeTiming() const
{
    WedgeTiming timing;
    timing.maxInterKeyMs = m_settings->value(kInterKey, timing.maxInterKeyMs).toInt();
    timing.minLength = m_settings->value(kMinLength, timing.minLength).toInt();
    return timing;
}

void StationSettings::setWedgeTiming(const WedgeTiming &timing)
{
    m_settings->setValue(kInterKey, timing.maxInterKeyMs);
    m_settings->setValue(kMinLength, timing.minLength);
}

QString StationSettings::serialScannerPort() const
{
    return m_settings->value(kSerialPort).toString();
}

void StationSettings::setSerialScannerPort(const QString &port)
{
    m_settings->setValue(kSerialPort, port);
}

int StationSettings::serialScannerBaud() const
{
    return m_settings->value(kSerialBaud, 9600).toInt();
}

void StationSettings::setSerialScannerBaud(int baud)
{
    m_settings->setValue(kSerialBaud, baud);
}

bool StationSettings::autoStartOnScan() const
{
    return m_settings->value(kAutoStart, false).toBool();
}

void StationSettings::setAutoStartOnScan(bool on)
{
    m_settings->setValue(kAutoStart, on);
}

int StationSettings::retryLimit() const
{
    bool ok = false;
    const int retries = m_settings->value(kRetryLimit, kDefaultRetryLimit).toInt(&ok);
    return ok && retries >= 0 ? retries : kDefaultRetryLimit;
}

void StationSettings::setRetryLimit(int retries)
{
    m_settings->setValue(kRetryLimit, qMax(0, retries));
}

QString StationSettings::language() const
{
    const QString fallback = QLocale().name() == QLatin1String("zh_CN")
        ? QStringLiteral("zh_CN")
        : (QLocale().language() == QLocale::Spanish ? QStringLiteral("es") : QStringLiteral("en"));
    return m_settings->value(kLanguage, fallback).toString();
}

void StationSettings::setLanguage(const QString &language)
{
    m_settings->setValue(kLanguage, language);
}

bool StationSettings::soundsEnabled() const
{
    return m_settings->value(kSounds, true).toBool();
}

void StationSettings::setSoundsEnabled(bool on)
{
    m_settings->setValue(kSounds, on);
}

QString StationSettings::configAlias() const
{
    return m_settings->value(kConfig).toString();
}

void StationSettings::setConfigAlias(const QString &alias)
{
    m_settings->setValue(kConfig, alias);
}

QString StationSettings::batch() const
{
    return m_settings->value(kBatch).toString();
}

void StationSettings::setBatch(const QString &batch)
{
    m_settings->setValue(kBatch, batch);
}

QString StationSettings::operation() const
{
    return m_settings->value(kOperation, QStringLiteral("PROVISION")).toString();
}

void StationSettings::setOperation(const QString &operation)
{
    m_settings->setValue(kOperation, operation);
}

} // namespace prov::gui
