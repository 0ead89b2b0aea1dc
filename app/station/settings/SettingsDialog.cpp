#include "settings/SettingsDialog.h"
#include "settings/SettingsDialogTables.h"

#include "crypto/CertificatePin.h"

#include "scan/ScanClassifier.h"
#include "scan/ScanEventFilter.h"
#include "settings/SecretStore.h"
#include "settings/SlotBinding.h"
#include "settings/StationServer.h"
#include "settings/StationSettings.h"
#include "support/LanguageManager.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QScrollArea>
#include <QSpinBox>
#include <QTabWidget>
#include <QTableWidget>
#include <QVBoxLayout>

namespace prov::gui {

using namespace settingsdialog;

SettingsDialog::SettingsDialog(
    StationSettings *settings, SecretStore *secrets, const QList<engine::PluginDescription> &plugins, QWidget *parent)
    : QDialog(parent)
    , m_settings(settings)
    , m_secrets(secrets)
    , m_plugins(plugins)
{
    setObjectName(QStringLiteral("settingsDialog"));
    setWindowTitle(tr("Station settings"));
    m_tabs = new QTabWidget(this);
    m_tabs->addTab(buildServerPage(), tr("Server"));
    m_tabs->addTab(buildSlotsPage(), tr("Slots"));
    m_tabs->addTab(buildPluginsPage(), tr("Meter plugins"));
    m_tabs->addTab(buildScanningPage(), tr("Scanning"));
    m_tabs->addTab(buildLanguagePage(), tr("Language and sounds"));
    m_error = new QLabel(this);
    m_error->setObjectName(QStringLiteral("error"));
    m_error->setWordWrap(true);
    m_error->setStyleSheet(QStringLiteral("color: #b34700; font-weight: bold;"));
    m_error->hide();
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    connect(buttons, &QDialogButtonBox::accepted, this, &SettingsDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_tabs);
    layout->addWidget(m_error);
    layout->addWidget(buttons);
    load();
    // Room for the slot table's eight columns in every language, inside a 1280x800 screen.
    resize(1200, 720);
}

SettingsDialog::~SettingsDialog() = default;

void SettingsDialog::addSlotRow(const SlotBinding &binding)
{
    const int row = m_slotTable->rowCount();
    m_slotTable->insertRow(row);
    m_slotTable->setItem(row, ColLabel, new QTableWidgetItem(binding.label));
    auto *kind = new QComboBox(m_slotTable);
    kind->addItem(tr("USB serial number"), int(SlotBinding::Kind::UsbSerial));
    kind->addItem(tr("USB socket"), int(SlotBinding::Kind::Location));
    kind->addItem(tr("Port name"), int(SlotBinding::Kind::PortName));
    kind->addItem(tr("Not bound"), int(SlotBinding::Kind::None));
    kind->setCurrentIndex(kind->findData(int(binding.kind)));
    m_slotTable->setCellWidget(row, ColKind, kind);
    m_slotTable->setItem(row, ColValue, new QTableWidgetItem(binding.value));
    auto *family = new QComboBox(m_slotTable);
    for (const engine::PluginDescription &p : std::as_const(m_plugins))
        family->addItem(p.id, p.id);
    if (family->findData(binding.family) < 0 && !binding.family.isEmpty())
        family->addItem(binding.family, binding.family);
    family->setCurrentIndex(family->findData(binding.family));
    m_slotTable->setCellWidget(row, ColFamily, family);
    auto *operation = new QComboBox(m_slotTable);
    operation->addItem(tr("(station's)"), QString());
    for (const QString &op : {QStringLiteral("PROVISION"), QStringLiteral("PRETEST"), QStringLiteral("CHECKCONFIG"),
             QStringLiteral("POSTTEST")})
        operation->addItem(op, op);
    operation->setCurrentIndex(qMax(0, operation->findData(binding.operation)));
    m_slotTable->setCellWidget(row, ColOperation, operation);
    m_slotTable->setItem(row, ColGroup, new QTableWidgetItem(binding.group));
    auto *found = new QTableWidgetItem(PortLocator::resolve(binding, PortLocator::availablePorts()));
    found->setFlags(found->flags() & ~Qt::ItemIsEditable);
    m_slotTable->setItem(row, ColFound, found);
}

void SettingsDialog::addPatternRow(int kind, const QString &pattern)
{
    const int row = m_patternTable->rowCount();
    m_patternTable->insertRow(row);
    auto *combo = new QComboBox(m_patternTable);
    for (ScanKind k : kPatternKinds)
        combo->addItem(scanKindName(k), int(k));
    combo->setCurrentIndex(combo->findData(kind));
    m_patternTable->setCellWidget(row, 0, combo);
    m_patternTable->setItem(row, 1, new QTableWidgetItem(pattern));
}

void SettingsDialog::refreshPorts()
{
    const QList<PortDescription> ports = PortLocator::availablePorts();
    m_portTable->setRowCount(0);
    for (const PortDescription &port : ports) {
        const int row = m_portTable->rowCount();
        m_portTable->insertRow(row);
        m_portTable->setItem(row, 0, new QTableWidgetItem(port.systemPath));
        m_portTable->setItem(row, 1, new QTableWidgetItem(port.serialNumber));
        m_portTable->setItem(row, 2, new QTableWidgetItem(port.location));
        m_portTable->setItem(row, 3, new QTableWidgetItem(port.description));
    }
    const QString current = m_serialScanner->currentText();
    m_serialScanner->clear();
    m_serialScanner->addItem(QString());
    for (const PortDescription &port : ports)
        m_serialScanner->addItem(port.systemPath);
    m_serialScanner->setEditText(current);
}

void SettingsDialog::bindSelected(int kind)
{
    const int slotRow = m_slotTable->currentRow();
    const int portRow = m_portTable->currentRow();
    if (slotRow < 0 || portRow < 0) {
        showError(tr("Select a slot and a port first."));
        return;
    }
    const int column = kind == int(SlotBinding::Kind::UsbSerial) ? 1 : kind == int(SlotBinding::Kind::Location) ? 2 : 0;
    const QString value = m_portTable->item(portRow, column)->text();
    if (value.isEmpty()) {
        showError(kind == int(SlotBinding::Kind::UsbSerial)
                ? tr("This adapter reports no USB serial number: bind it by "
                     "USB socket instead.")
                : tr("This port is not on USB: bind it by port name."));
        return;
    }
    auto *kindBox = qobject_cast<QComboBox *>(m_slotTable->cellWidget(slotRow, ColKind));
    kindBox->setCurrentIndex(kindBox->findData(kind));
    m_slotTable->item(slotRow, ColValue)->setText(value);
    m_slotTable->item(slotRow, ColFound)->setText(m_portTable->item(portRow, 0)->text());
    m_error->hide();
}

void SettingsDialog::tryBarcode()
{
    QList<ScanPattern> patterns;
    for (int row = 0; row < m_patternTable->rowCount(); ++row) {
        auto *combo = qobject_cast<QComboBox *>(m_patternTable->cellWidget(row, 0));
        patterns.append(ScanPattern {static_cast<ScanKind>(combo->currentData().toInt()),
            m_patternTable->item(row, 1) ? m_patternTable->item(row, 1)->text() : QString()});
    }
    ScanClassifier classifier;
    const Status status = classifier.setPatterns(patterns);
    if (!status) {
        m_tryResult->setText(status.error().message);
        return;
    }
    const ClassifiedScan scan = classifier.classify(m_tryBarcode->text());
    m_tryResult->setText(scan.kind == ScanKind::Unknown
            ? scanKindName(ScanKind::Unknown)
            : QStringLiteral("%1: %2").arg(scanKindName(scan.kind), scan.value));
}

void SettingsDialog::load()
{
    // Empty when the settings name no server: the pairing (or the default) decides.
    m_serverUrl->setText(m_settings->hasServerUrl() ? m_settings->serverUrl().toString() : QString());
    if (const StationServer server = StationServer::resolve(*m_settings);
        server.source == StationServer::Source::Pairing && !m_settings->hasServerUrl())
        m_serverUrl->setPlaceholderText(tr("empty: the paired server, %1").arg(server.url.toString()));
    m_pins->setPlainText(m_settings->certificatePins().join(QLatin1Char('\n')));
    m_stationName->setText(m_settings->stationName());
    m_gatewayHost->setText(m_settings->gatewayHost());
    m_gatewayPort->setValue(m_settings->gatewayControlPort());
    if (m_secrets) {
        m_tokenState->setText(tr("Checking the keychain\u2026"));
        m_secrets->read(QString::fromLatin1(SecretStore::kStationTokenKey), this, [this](const Result<QString> &token) {
            if (!token)
                m_tokenState->setText(token.error().message);
            else if (token->isEmpty())
                m_tokenState->setText(tr("No station token is stored yet. Issue one with: provstation-server token "
                                         "issue --station NAME"));
            else
                m_tokenState->setText(m_secrets->usingFallback()
                        ? tr("A token is stored in the fallback file (no OS keychain: %1).")
                              .arg(m_secrets->fallbackReason())
                        : tr("A token is stored in the OS keychain."));
        });
    }

    m_groups = m_settings->slotGroups();
    const QList<SlotBinding> bindings = m_settings->slotBindings();
    for (const SlotBinding &b : bindings)
        addSlotRow(b);
    refreshGroupRows();

    for (const engine::PluginDescription &p : std::as_const(m_plugins)) {
        const QVariantMap values = m_settings->pluginDefaults(p.id);
        for (const engine::SettingSpec &spec : p.settings) {
            QWidget *editor = m_pluginFields.value(p.id + QLatin1Char('/') + spec.key);
            const QVariant v = values.value(spec.key, spec.defaultValue);
            if (auto *check = qobject_cast<QCheckBox *>(editor))
                check->setChecked(v.toBool());
            else if (auto *spin = qobject_cast<QSpinBox *>(editor))
                spin->setValue(v.toInt());
            else if (auto *combo = qobject_cast<QComboBox *>(editor))
                combo->setCurrentIndex(qMax(0, combo->findText(v.toString())));
            else if (auto *line = qobject_cast<QLineEdit *>(editor);
                     line && spec.type != engine::SettingSpec::Type::Password)
                line->setText(v.toString());
        }
    }

    for (const ScanPattern &p : m_settings->scanPatterns(m_plugins))
        addPatternRow(int(p.kind), p.pattern);
    const WedgeTiming timing = m_settings->wedgeTiming();
    m_interKey->setValue(timing.maxInterKeyMs);
    m_minLength->setValue(timing.minLength);
    refreshPorts();
    m_serialScanner->setEditText(m_settings->serialScannerPort());
    m_serialBaud->setValue(m_settings->serialScannerBaud());
    m_autoStart->setChecked(m_settings->autoStartOnScan());
    m_operatorJob->setChecked(m_settings->store().value(QStringLiteral("job/operatorMayChange"), true).toBool());

    m_language->setCurrentIndex(qMax(0, m_language->findData(m_settings->language())));
    m_sounds->setChecked(m_settings->soundsEnabled());
    m_retryLimit->setValue(m_settings->retryLimit());
    m_idleLogout->setValue(m_settings->idleLogoutMinutes());
}

void SettingsDialog::showError(const QString &text)
{
    m_error->setText(text);
    m_error->setVisible(!text.isEmpty());
}

QString SettingsDialog::errorText() const
{
    return m_error->isHidden() ? QString() : m_error->text();
}

bool SettingsDialog::save()
{
    const QUrl url = QUrl::fromUserInput(m_serverUrl->text().trimmed());
    if (!m_serverUrl->text().trimmed().isEmpty()
        && (!url.isValid() || (url.scheme() != QLatin1String("http") && url.scheme() != QLatin1String("https")))) {
        m_tabs->setCurrentIndex(0);
        showError(tr("The server address \"%1\" is not an http or https URL.").arg(m_serverUrl->text()));
        return false;
    }
    // Stored in one canonical form per pin, whichever form was pasted.
    QStringList pins;
    for (const QString &line : m_pins->toPlainText().split(QLatin1Char('\n'))) {
        if (line.trimmed().isEmpty())
            continue;
        const auto pin = crypto::CertificatePin::parse(line);
        if (!pin) {
            m_tabs->setCurrentIndex(0);
            showError(tr("Certificate pin \"%1\" is not a pin: paste sha256//BASE64 or the certificate's SHA-256 "
                         "fingerprint as provstation-server tls-pin prints them.")
                          .arg(line.trimmed().left(120)));
            return false;
        }
        pins << pin->toString();
    }
    QList<SlotBinding> bindings;
    QStringList labels;
    for (int row = 0; row < m_slotTable->rowCount(); ++row) {
        SlotBinding b;
        b.label = m_slotTable->item(row, ColLabel)->text().trimmed();
        b.kind = static_cast<SlotBinding::Kind>(
            qobject_cast<QComboBox *>(m_slotTable->cellWidget(row, ColKind))->currentData().toInt());
        b.value = m_slotTable->item(row, ColValue)->text().trimmed();
        b.family = qobject_cast<QComboBox *>(m_slotTable->cellWidget(row, ColFamily))->currentData().toString();
        b.operation = qobject_cast<QComboBox *>(m_slotTable->cellWidget(row, ColOperation))->currentData().toString();
        b.group = m_slotTable->item(row, ColGroup) ? m_slotTable->item(row, ColGroup)->text().trimmed() : QString();
        if (b.label.isEmpty() || labels.contains(b.label, Qt::CaseInsensitive)) {
            m_tabs->setCurrentIndex(1);
            showError(tr("Slot %1 needs a label of its own.").arg(row + 1));
            return false;
        }
        if (b.kind != SlotBinding::Kind::None && b.value.isEmpty()) {
            m_tabs->setCurrentIndex(1);
            showError(tr("Slot %1 is bound by %2 but has no value.").arg(b.label, SlotBinding::kindKey(b.kind)));
            return false;
        }
        labels << b.label;
        bindings.append(b);
    }
    QList<ScanPattern> patterns;
    for (int row = 0; row < m_patternTable->rowCount(); ++row) {
        auto *combo = qobject_cast<QComboBox *>(m_patternTable->cellWidget(row, 0));
        patterns.append(ScanPattern {static_cast<ScanKind>(combo->currentData().toInt()),
            m_patternTable->item(row, 1) ? m_patternTable->item(row, 1)->text() : QString()});
    }
    ScanClassifier classifier;
    if (const Status status = classifier.setPatterns(patterns); !status) {
        m_tabs->setCurrentIndex(3);
        showError(status.error().message);
        return false;
    }

    if (m_serverUrl->text().trimmed().isEmpty())
        m_settings->clearServer();
    else
        m_settings->setServerUrl(url);
    m_settings->setCertificatePins(pins);
    m_settings->setStationName(m_stationName->text().trimmed());
    m_settings->setGatewayHost(m_gatewayHost->text().trimmed());
    m_settings->setGatewayControlPort(m_gatewayPort->value());
    m_settings->setSlotBindings(bindings);
    m_settings->setSlotGroups(groupOptions());
    for (const engine::PluginDescription &p : std::as_const(m_plugins)) {
        QVariantMap values;
        for (const engine::SettingSpec &spec : p.settings) {
            QWidget *editor = m_pluginFields.value(p.id + QLatin1Char('/') + spec.key);
            if (auto *check = qobject_cast<QCheckBox *>(editor))
                values.insert(spec.key, check->isChecked());
            else if (auto *spin = qobject_cast<QSpinBox *>(editor))
                values.insert(spec.key, spin->value());
            else if (auto *comboBox = qobject_cast<QComboBox *>(editor))
                values.insert(spec.key, comboBox->currentText());
            else if (auto *line = qobject_cast<QLineEdit *>(editor)) {
                if (spec.type == engine::SettingSpec::Type::Password) {
                    if (!line->text().isEmpty() && m_secrets)
                        m_secrets->write(
                            pluginSecretKey(p.id, spec.key), line->text(), m_secrets, [](const Status &) {});
                    line->clear();
                } else {
                    values.insert(spec.key, line->text());
                }
            }
        }
        m_settings->setPluginDefaults(p.id, values);
    }
    m_settings->setScanPatterns(patterns, m_plugins);
    WedgeTiming timing;
    timing.maxInterKeyMs = m_interKey->value();
    timing.minLength = m_minLength->value();
    m_settings->setWedgeTiming(timing);
    m_settings->setSerialScannerPort(m_serialScanner->currentText().trimmed());
    m_settings->setSerialScannerBaud(m_serialBaud->value());
    m_settings->setAutoStartOnScan(m_autoStart->isChecked());
    m_settings->store().setValue(QStringLiteral("job/operatorMayChange"), m_operatorJob->isChecked());
    m_settings->setLanguage(m_language->currentData().toString());
    m_settings->setSoundsEnabled(m_sounds->isChecked());
    m_settings->setRetryLimit(m_retryLimit->value());
    m_settings->setIdleLogoutMinutes(m_idleLogout->value());
    if (!m_token->text().isEmpty() && m_secrets) {
        m_secrets->write(
            QString::fromLatin1(SecretStore::kStationTokenKey), m_token->text(), m_secrets, [](const Status &) {});
        m_token->clear();
    }
    m_settings->sync();
    showError(QString());
    return true;
}

void SettingsDialog::accept()
{
    if (save())
        QDialog::accept();
}

} // namespace prov::gui
