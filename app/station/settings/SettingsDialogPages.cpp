// SettingsDialog: building its pages.
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
        tr("Meter"), tr("Operation"), tr("Group"), tr("Found at")});
    // Every column as wide as its widest cell (the meter, operation and binding
    // choices are combo boxes); the binding's value takes what is left.
    m_slotTable->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
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
    m_idleLogout = new QSpinBox(page);
    m_idleLogout->setObjectName(QStringLiteral("idleLogoutMinutes"));
    m_idleLogout->setRange(0, 24 * 60);
    m_idleLogout->setSpecialValueText(tr("never"));
    m_idleLogout->setSuffix(tr(" min"));
    auto *idleLabel = new QLabel(tr("Log out after no input for"), page);
    idleLabel->setBuddy(m_idleLogout);
    slotButtons->addWidget(idleLabel);
    slotButtons->addWidget(m_idleLogout);
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
        refreshGroupRows();
    });

    auto *ports = new QGroupBox(tr("Serial ports present"), page);
    auto *portLayout = new QVBoxLayout(ports);
    m_portTable = new QTableWidget(0, 4, ports);
    m_portTable->setObjectName(QStringLiteral("ports"));
    m_portTable->setHorizontalHeaderLabels({tr("Port"), tr("USB serial number"), tr("USB socket"), tr("Description")});
    m_portTable->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
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
    layout->addWidget(m_slotTable, 3);
    layout->addLayout(slotButtons);
    layout->addWidget(buildGroupBox(page), 1);
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
    m_patternTable->horizontalHeader()->setSectionResizeMode(0, QHeaderView::ResizeToContents);
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

} // namespace prov::gui
