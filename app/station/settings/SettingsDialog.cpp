#include "settings/SettingsDialog.h"

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

namespace {

constexpr int kMaxSlots = 64;
enum SlotColumn { ColLabel, ColKind, ColValue, ColFamily, ColOperation, ColFound, SlotColumns };

const QList<ScanKind> kPatternKinds
    = {ScanKind::SlotLabel, ScanKind::EmcmId, ScanKind::MeterSerial, ScanKind::ConfigAlias, ScanKind::BatchNumber};

QString pluginSecretKey(const QString &plugin, const QString &key)
{
    return QStringLiteral("plugin.%1.%2").arg(plugin, key);
}

} // namespace

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
    resize(1000, 640);
}

SettingsDialog::~SettingsDialog() = default;

QWidget *SettingsDialog::buildServerPage()
{
    auto *page = new QWidget(this);
    auto *form = new QFormLayout(page);
    m_serverUrl = new QLineEdit(page);
    m_serverUrl->setObjectName(QStringLiteral("serverUrl"));
    m_serverUrl->setPlaceholderText(QStringLiteral("https://backroom:8085"));
    m_pins = new QPlainTextEdit(page);
    m_pins->setObjectName(QStringLiteral("certificatePins"));
    m_pins->setPlaceholderText(tr("One per line: sha256//<base64 of the public key digest>, or the certificate's "
                                  "SHA-256 in hex. Print them with: provstation-server tls-pin --tls-cert FILE"));
    m_pins->setMaximumHeight(90);
    m_stationName = new QLineEdit(page);
    m_stationName->setObjectName(QStringLiteral("stationName"));
    m_gatewayHost = new QLineEdit(page);
    m_gatewayPort = new QSpinBox(page);
    m_gatewayPort->setRange(1, 65535);
    m_token = new QLineEdit(page);
    m_token->setObjectName(QStringLiteral("stationToken"));
    m_token->setEchoMode(QLineEdit::Password);
    m_token->setPlaceholderText(tr("leave empty to keep the stored token"));
    m_tokenState = new QLabel(page);
    m_tokenState->setWordWrap(true);
    form->addRow(tr("Server address"), m_serverUrl);
    form->addRow(tr("Certificate pins"), m_pins);
    form->addRow(tr("Station name"), m_stationName);
    form->addRow(tr("Factory gateway"), m_gatewayHost);
    form->addRow(tr("Gateway control port"), m_gatewayPort);
    form->addRow(tr("Station token"), m_token);
    form->addRow(QString(), m_tokenState);
    return page;
}

QWidget *SettingsDialog::buildSlotsPage()
{
    auto *page = new QWidget(this);
    auto *layout = new QVBoxLayout(page);
    m_slotTable = new QTableWidget(0, SlotColumns, page);
    m_slotTable->setObjectName(QStringLiteral("slotBindings"));
    m_slotTable->setHorizontalHeaderLabels({tr("Label"), tr("Bound by"), tr("Serial number / socket / port"),
        tr("Meter"), tr("Operation"), tr("Found at")});
    m_slotTable->horizontalHeader()->setSectionResizeMode(ColValue, QHeaderView::Stretch);
    m_slotTable->setSelectionBehavior(QAbstractItemView::SelectRows);
    auto *slotButtons = new QHBoxLayout;
    auto *add = new QPushButton(tr("Add slot"), page);
    auto *remove = new QPushButton(tr("Remove slot"), page);
    slotButtons->addWidget(add);
    slotButtons->addWidget(remove);
    slotButtons->addStretch();
    m_retryLimit = new QSpinBox(page);
    m_retryLimit->setObjectName(QStringLiteral("retryLimit"));
    m_retryLimit->setRange(0, 20);
    auto *retryLabel = new QLabel(tr("Retries of a failed unit before the window asks to reject it"), page);
    retryLabel->setBuddy(m_retryLimit);
    slotButtons->addWidget(retryLabel);
    slotButtons->addWidget(m_retryLimit);
    connect(add, &QPushButton::clicked, this, [this] {
        if (m_slotTable->rowCount() >= kMaxSlots)
            return;
        SlotBinding b;
        b.label = QString::number(m_slotTable->rowCount() + 1);
        b.family = m_plugins.isEmpty() ? QString() : m_plugins.first().id;
        addSlotRow(b);
    });
    connect(remove, &QPushButton::clicked, this, [this] {
        const int row = m_slotTable->currentRow();
        if (row >= 0)
            m_slotTable->removeRow(row);
    });

    auto *ports = new QGroupBox(tr("Serial ports present"), page);
    auto *portLayout = new QVBoxLayout(ports);
    m_portTable = new QTableWidget(0, 4, ports);
    m_portTable->setObjectName(QStringLiteral("ports"));
    m_portTable->setHorizontalHeaderLabels({tr("Port"), tr("USB serial number"), tr("USB socket"), tr("Description")});
    m_portTable->horizontalHeader()->setSectionResizeMode(3, QHeaderView::Stretch);
    m_portTable->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_portTable->setEditTriggers(QAbstractItemView::NoEditTriggers);
    auto *portButtons = new QHBoxLayout;
    auto *refresh = new QPushButton(tr("Refresh"), ports);
    auto *bySerial = new QPushButton(tr("Bind selected slot by serial number"), ports);
    auto *byLocation = new QPushButton(tr("Bind selected slot by USB socket"), ports);
    auto *byName = new QPushButton(tr("Bind selected slot by port name"), ports);
    portButtons->addWidget(refresh);
    portButtons->addStretch();
    portButtons->addWidget(bySerial);
    portButtons->addWidget(byLocation);
    portButtons->addWidget(byName);
    portLayout->addWidget(m_portTable);
    portLayout->addLayout(portButtons);
    connect(refresh, &QPushButton::clicked, this, &SettingsDialog::refreshPorts);
    connect(bySerial, &QPushButton::clicked, this, [this] { bindSelected(int(SlotBinding::Kind::UsbSerial)); });
    connect(byLocation, &QPushButton::clicked, this, [this] { bindSelected(int(SlotBinding::Kind::Location)); });
    connect(byName, &QPushButton::clicked, this, [this] { bindSelected(int(SlotBinding::Kind::PortName)); });

    auto *hint = new QLabel(tr("Bind by USB serial number (or by the USB socket) so a re-plugged adapter comes back "
                               "to its slot; ttyUSB/COM numbers change with the plug-in order."),
        page);
    hint->setWordWrap(true);
    layout->addWidget(hint);
    layout->addWidget(m_slotTable, 2);
    layout->addLayout(slotButtons);
    layout->addWidget(ports, 1);
    return page;
}

QWidget *SettingsDialog::buildPluginsPage()
{
    auto *scroll = new QScrollArea(this);
    auto *page = new QWidget(scroll);
    auto *layout = new QVBoxLayout(page);
    if (m_plugins.isEmpty())
        layout->addWidget(new QLabel(tr("No meter plugins are loaded."), page));
    for (const engine::PluginDescription &p : std::as_const(m_plugins)) {
        auto *box = new QGroupBox(QStringLiteral("%1 \u2014 %2").arg(p.id, p.family), page);
        auto *form = new QFormLayout(box);
        if (p.settings.isEmpty())
            form->addRow(new QLabel(tr("This plugin has no settings."), box));
        for (const engine::SettingSpec &spec : p.settings) {
            QWidget *editor = nullptr;
            switch (spec.type) {
            case engine::SettingSpec::Type::Bool:
                editor = new QCheckBox(box);
                break;
            case engine::SettingSpec::Type::Int: {
                auto *spin = new QSpinBox(box);
                spin->setRange(int(qBound<qint64>(qint64(INT_MIN), spec.min, qint64(INT_MAX))),
                    int(qBound<qint64>(qint64(INT_MIN), spec.max, qint64(INT_MAX))));
                editor = spin;
                break;
            }
            case engine::SettingSpec::Type::Choice: {
                auto *combo = new QComboBox(box);
                combo->addItems(spec.options);
                editor = combo;
                break;
            }
            case engine::SettingSpec::Type::Password: {
                auto *line = new QLineEdit(box);
                line->setEchoMode(QLineEdit::Password);
                line->setPlaceholderText(tr("kept in the keychain; leave empty to keep it"));
                editor = line;
                break;
            }
            case engine::SettingSpec::Type::String:
                editor = new QLineEdit(box);
                break;
            }
            editor->setObjectName(p.id + QLatin1Char('/') + spec.key);
            m_pluginFields.insert(p.id + QLatin1Char('/') + spec.key, editor);
            form->addRow(spec.label, editor);
        }
        layout->addWidget(box);
    }
    layout->addStretch();
    scroll->setWidget(page);
    scroll->setWidgetResizable(true);
    return scroll;
}

QWidget *SettingsDialog::buildScanningPage()
{
    auto *page = new QWidget(this);
    auto *layout = new QVBoxLayout(page);
    auto *patterns = new QGroupBox(tr("What a barcode is (first matching pattern wins)"), page);
    auto *patternLayout = new QVBoxLayout(patterns);
    m_patternTable = new QTableWidget(0, 2, patterns);
    m_patternTable->setObjectName(QStringLiteral("scanPatterns"));
    m_patternTable->setHorizontalHeaderLabels({tr("Kind"), tr("Pattern (regular expression, whole text)")});
    m_patternTable->horizontalHeader()->setSectionResizeMode(1, QHeaderView::Stretch);
    auto *buttons = new QHBoxLayout;
    auto *add = new QPushButton(tr("Add"), patterns);
    auto *remove = new QPushButton(tr("Remove"), patterns);
    auto *up = new QPushButton(tr("Up"), patterns);
    auto *defaults = new QPushButton(tr("Defaults"), patterns);
    for (QPushButton *b : {add, remove, up, defaults})
        buttons->addWidget(b);
    buttons->addStretch();
    connect(add, &QPushButton::clicked, this, [this] { addPatternRow(int(ScanKind::MeterSerial), QString()); });
    connect(remove, &QPushButton::clicked, this, [this] {
        if (m_patternTable->currentRow() >= 0)
            m_patternTable->removeRow(m_patternTable->currentRow());
    });
    connect(up, &QPushButton::clicked, this, [this] {
        const int row = m_patternTable->currentRow();
        if (row <= 0)
            return;
        auto *kindBox = qobject_cast<QComboBox *>(m_patternTable->cellWidget(row, 0));
        const int kind = kindBox->currentData().toInt();
        const QString pattern = m_patternTable->item(row, 1)->text();
        m_patternTable->removeRow(row);
        m_patternTable->insertRow(row - 1);
        auto *combo = new QComboBox(m_patternTable);
        for (ScanKind k : kPatternKinds)
            combo->addItem(scanKindName(k), int(k));
        combo->setCurrentIndex(combo->findData(kind));
        m_patternTable->setCellWidget(row - 1, 0, combo);
        m_patternTable->setItem(row - 1, 1, new QTableWidgetItem(pattern));
        m_patternTable->setCurrentCell(row - 1, 1);
    });
    connect(defaults, &QPushButton::clicked, this, [this] {
        m_patternTable->setRowCount(0);
        for (const ScanPattern &p : ScanClassifier::defaultPatterns(m_plugins))
            addPatternRow(int(p.kind), p.pattern);
    });
    auto *tryRow = new QHBoxLayout;
    m_tryBarcode = new QLineEdit(patterns);
    m_tryBarcode->setObjectName(QStringLiteral("tryBarcode"));
    m_tryBarcode->setPlaceholderText(tr("scan or type a barcode to test the patterns"));
    // This field wants the scanner's text itself.
    m_tryBarcode->setProperty(ScanEventFilter::kAcceptsScansProperty, true);
    m_tryResult = new QLabel(patterns);
    m_tryResult->setObjectName(QStringLiteral("tryResult"));
    tryRow->addWidget(m_tryBarcode, 1);
    tryRow->addWidget(m_tryResult, 1);
    connect(m_tryBarcode, &QLineEdit::textChanged, this, &SettingsDialog::tryBarcode);
    patternLayout->addWidget(m_patternTable);
    patternLayout->addLayout(buttons);
    patternLayout->addLayout(tryRow);

    auto *form = new QFormLayout;
    m_interKey = new QSpinBox(page);
    m_interKey->setRange(5, 200);
    m_interKey->setSuffix(tr(" ms"));
    m_minLength = new QSpinBox(page);
    m_minLength->setRange(2, 64);
    m_serialScanner = new QComboBox(page);
    m_serialScanner->setEditable(true);
    m_serialBaud = new QSpinBox(page);
    m_serialBaud->setRange(1200, 921600);
    m_autoStart = new QCheckBox(tr("Start a slot as soon as its device is scanned"), page);
    m_autoStart->setObjectName(QStringLiteral("autoStart"));
    m_operatorJob = new QCheckBox(tr("Operators may change the configuration, batch and operation"), page);
    form->addRow(tr("Keyboard scanner: longest gap between keys"), m_interKey);
    form->addRow(tr("Keyboard scanner: shortest barcode"), m_minLength);
    form->addRow(tr("Serial scanner port (empty: none)"), m_serialScanner);
    form->addRow(tr("Serial scanner baud rate"), m_serialBaud);
    form->addRow(QString(), m_autoStart);
    form->addRow(QString(), m_operatorJob);
    layout->addWidget(patterns, 1);
    layout->addLayout(form);
    return page;
}

QWidget *SettingsDialog::buildLanguagePage()
{
    auto *page = new QWidget(this);
    auto *form = new QFormLayout(page);
    m_language = new QComboBox(page);
    m_language->setObjectName(QStringLiteral("language"));
    for (const QString &lang : LanguageManager::supportedLanguages())
        m_language->addItem(LanguageManager::nativeName(lang), lang);
    m_sounds = new QCheckBox(tr("Play pass, fail and reject sounds"), page);
    m_sounds->setObjectName(QStringLiteral("sounds"));
    auto *test = new QPushButton(tr("Test sound"), page);
    connect(test, &QPushButton::clicked, this, &SettingsDialog::soundTestRequested);
    form->addRow(tr("Language"), m_language);
    form->addRow(QString(), m_sounds);
    form->addRow(QString(), test);
    return page;
}

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

    const QList<SlotBinding> bindings = m_settings->slotBindings();
    for (const SlotBinding &b : bindings)
        addSlotRow(b);

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
