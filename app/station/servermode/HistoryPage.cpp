#include "servermode/HistoryPage.h"

#include "slots/StepNames.h"
#include "support/ApiClient.h"

#include "domain/ResultCode.h"

#include <QColor>
#include <QEvent>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonArray>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSplitter>
#include <QTableWidget>
#include <QVBoxLayout>

namespace prov::gui {

namespace {

QTableWidget *makeTable(int columns, const QString &name, QWidget *parent)
{
    auto *table = new QTableWidget(0, columns, parent);
    table->setObjectName(name);
    table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    table->setSelectionBehavior(QAbstractItemView::SelectRows);
    table->setSelectionMode(QAbstractItemView::SingleSelection);
    table->verticalHeader()->hide();
    table->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    table->horizontalHeader()->setStretchLastSection(true);
    return table;
}

QString localTime(const QString &iso)
{
    const QDateTime at = QDateTime::fromString(iso, Qt::ISODateWithMs);
    return at.isValid() ? QLocale().toString(at.toLocalTime(), QStringLiteral("yyyy-MM-dd HH:mm:ss")) : iso;
}

/// The run's result, whether it failed at the station (never touching the
/// device), and whether the operator rejected the unit after it.
QString resultText(const QJsonObject &run)
{
    const int code = run.value(QLatin1String("result")).toInt();
    QString text;
    if (code == 0)
        text = HistoryPage::tr("Passed");
    else if (ResultCatalogue::isKnown(code))
        text = HistoryPage::tr("%1 \u2014 %2").arg(code).arg(ResultCatalogue::message(ResultCode(code)));
    else
        text = QString::number(code);
    if (code != 0 && run.value(QLatin1String("stationFault")).toBool())
        text = HistoryPage::tr("Station fault: %1").arg(text);
    const QString rejectedBy = run.value(QLatin1String("rejectedBy")).toString();
    if (run.contains(QLatin1String("rejectedAt")))
        text = HistoryPage::tr("%1 \u00b7 rejected by %2").arg(text, rejectedBy);
    return text;
}

/// The firmware a run found on the device, as the device reported it.
QString firmwareText(const QJsonObject &run)
{
    const QString node = run.value(QLatin1String("nodeFirmware")).toString();
    const QString host = run.value(QLatin1String("hostFirmware")).toString();
    if (node.isEmpty() && host.isEmpty())
        return {};
    const QString none = QStringLiteral("\u2013");
    return HistoryPage::tr("node %1 \u00b7 host %2").arg(node.isEmpty() ? none : node, host.isEmpty() ? none : host);
}

void setRow(QTableWidget *table, int row, const QStringList &cells)
{
    for (int c = 0; c < int(cells.size()); ++c)
        table->setItem(row, c, new QTableWidgetItem(cells.at(c)));
}

QLabel *heading(QWidget *parent)
{
    auto *label = new QLabel(parent);
    QFont bold = label->font();
    bold.setBold(true);
    label->setFont(bold);
    return label;
}

} // namespace

HistoryPage::HistoryPage(ApiClient *api, QWidget *parent)
    : QWidget(parent)
    , m_api(api)
    , m_search(new QLineEdit(this))
    , m_lookUp(new QPushButton(this))
    , m_device(new QLabel(this))
    , m_status(new QLabel(this))
    , m_runs(makeTable(RunColumns, QStringLiteral("runs"), this))
    , m_log(new QPlainTextEdit(this))
    , m_keys(makeTable(3, QStringLiteral("keys"), this))
    , m_audit(makeTable(5, QStringLiteral("deviceAudit"), this))
    , m_runsLabel(heading(this))
    , m_logLabel(heading(this))
    , m_keysLabel(heading(this))
    , m_auditLabel(heading(this))
{
    setObjectName(QStringLiteral("historyPage"));
    m_search->setObjectName(QStringLiteral("identity"));
    m_search->setClearButtonEnabled(true);
    m_lookUp->setObjectName(QStringLiteral("lookUp"));
    m_device->setObjectName(QStringLiteral("device"));
    m_device->setWordWrap(true);
    m_device->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_status->setObjectName(QStringLiteral("status"));
    m_status->setWordWrap(true);
    m_log->setObjectName(QStringLiteral("runLog"));
    m_log->setReadOnly(true);
    m_log->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_log->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));

    auto *top = new QHBoxLayout;
    top->addWidget(m_search, 1);
    top->addWidget(m_lookUp);

    auto *runsBox = new QWidget(this);
    auto *runsLayout = new QVBoxLayout(runsBox);
    runsLayout->setContentsMargins(0, 0, 0, 0);
    runsLayout->addWidget(m_runsLabel);
    runsLayout->addWidget(m_runs);
    auto *logBox = new QWidget(this);
    auto *logLayout = new QVBoxLayout(logBox);
    logLayout->setContentsMargins(0, 0, 0, 0);
    logLayout->addWidget(m_logLabel);
    logLayout->addWidget(m_log);
    auto *recordsBox = new QWidget(this);
    auto *recordsLayout = new QHBoxLayout(recordsBox);
    recordsLayout->setContentsMargins(0, 0, 0, 0);
    auto *keysColumn = new QVBoxLayout;
    keysColumn->addWidget(m_keysLabel);
    keysColumn->addWidget(m_keys);
    auto *auditColumn = new QVBoxLayout;
    auditColumn->addWidget(m_auditLabel);
    auditColumn->addWidget(m_audit);
    recordsLayout->addLayout(keysColumn, 1);
    recordsLayout->addLayout(auditColumn, 2);

    auto *splitter = new QSplitter(Qt::Vertical, this);
    splitter->addWidget(runsBox);
    splitter->addWidget(logBox);
    splitter->addWidget(recordsBox);
    splitter->setStretchFactor(0, 2);
    splitter->setStretchFactor(1, 2);
    splitter->setStretchFactor(2, 1);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(top);
    layout->addWidget(m_device);
    layout->addWidget(m_status);
    layout->addWidget(splitter, 1);

    connect(m_lookUp, &QPushButton::clicked, this, [this] { lookUp(); });
    connect(m_search, &QLineEdit::returnPressed, this, [this] { lookUp(); });
    connect(m_runs, &QTableWidget::currentCellChanged, this, [this](int row) {
        if (row >= 0)
            showLog(row);
    });
    retranslate();
}

void HistoryPage::retranslate()
{
    m_search->setPlaceholderText(tr("Node ID, eMCM ID or its last 8 digits, meter serial or a scanned label"));
    m_lookUp->setText(tr("Look up"));
    m_runsLabel->setText(tr("Runs, oldest first"));
    m_logLabel->setText(tr("Log of the selected run"));
    m_keysLabel->setText(tr("Key records"));
    m_auditLabel->setText(tr("Audit entries"));
    m_runs->setHorizontalHeaderLabels({tr("Result"), tr("Operation"), tr("Station"), tr("Slot"), tr("Operator"),
        tr("Batch"), tr("Time"), tr("Attempt"), tr("Firmware"), tr("Failed step")});
    m_keys->setHorizontalHeaderLabels({tr("State"), tr("Sequence"), tr("Station")});
    m_audit->setHorizontalHeaderLabels({tr("Time"), tr("Who"), tr("Action"), tr("Subject"), tr("Detail")});
    if (!m_history.isEmpty())
        fill(m_history);
}

void HistoryPage::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QWidget::changeEvent(event);
}

QString HistoryPage::deviceText() const
{
    return m_device->text();
}

QString HistoryPage::statusText() const
{
    return m_status->text();
}

QString HistoryPage::logText() const
{
    return m_log->toPlainText();
}

QString HistoryPage::runUuid(int row) const
{
    const QTableWidgetItem *item = m_runs->item(row, ResultColumn);
    return item ? item->data(Qt::UserRole).toString() : QString();
}

void HistoryPage::setStatus(const QString &text, bool problem)
{
    m_status->setText(text);
    m_status->setStyleSheet(problem ? QStringLiteral("color: #b34700; font-weight: bold;") : QString());
}

void HistoryPage::clear()
{
    m_history = {};
    m_device->clear();
    m_runs->setRowCount(0);
    m_keys->setRowCount(0);
    m_audit->setRowCount(0);
    m_log->clear();
}

void HistoryPage::lookUp(const QString &identity)
{
    const QString id = (identity.isEmpty() ? m_search->text() : identity).trimmed();
    if (!identity.isEmpty())
        m_search->setText(identity);
    clear();
    if (id.isEmpty()) {
        setStatus(tr("Enter a node ID, an eMCM ID, a meter serial or a scanned label."), true);
        return;
    }
    if (id.contains(u'/')) {
        // The server takes no '/' inside a path segment (docs/api/openapi.yaml).
        setStatus(tr("An identity with '/' cannot be looked up: enter the node ID, eMCM ID or meter serial."), true);
        Q_EMIT lookedUp(false);
        return;
    }
    setStatus(tr("Looking up %1\u2026").arg(id), false);
    // ApiClient::url() encodes spaces, '%', '?' and '#': the identity stays one path segment.
    const QString path = QStringLiteral("/devices/%1/history").arg(id);
    const quint64 request = m_latestLookUp.begin();
    m_api->whenFinished(m_api->get(path), this, [this, id, request](const Result<ApiResponse> &result) {
        if (!m_latestLookUp.isLatest(request))
            return;
        if (!result) {
            const bool missing = result.error().context == u"not_found";
            setStatus(missing ? tr("No run and no key record names %1.").arg(id)
                              : tr("Cannot read the history of %1: %2").arg(id, result.error().message),
                true);
            Q_EMIT lookedUp(false);
            return;
        }
        fill(result->json.object());
        setStatus(tr("%n run(s)", nullptr, int(m_runs->rowCount())), false);
        Q_EMIT lookedUp(true);
        if (m_runs->rowCount() > 0)
            m_runs->setCurrentCell(m_runs->rowCount() - 1, 0); // the newest run's log
    });
}

void HistoryPage::fill(const QJsonObject &history)
{
    m_history = history;
    const QJsonObject device = history.value(QLatin1String("device")).toObject();
    QStringList parts;
    const auto add = [&parts](const QString &title, const QString &value) {
        if (!value.isEmpty())
            parts.append(QStringLiteral("%1: %2").arg(title, value));
    };
    add(tr("Node ID"), device.value(QLatin1String("nodeId")).toString());
    add(tr("eMCM ID"), device.value(QLatin1String("emcmId")).toString());
    add(tr("Meter serial"), device.value(QLatin1String("meterSerial")).toString());
    const QJsonObject labels = device.value(QLatin1String("labels")).toObject();
    for (auto it = labels.begin(); it != labels.end(); ++it)
        add(tr("Label %1").arg(it.key()), it.value().toString());
    m_device->setText(parts.join(QStringLiteral("   ")));

    const QJsonArray runs = history.value(QLatin1String("runs")).toArray();
    const int selected = m_runs->currentRow();
    const QSignalBlocker quiet(m_runs);
    m_runs->setRowCount(int(runs.size()));
    for (int row = 0; row < int(runs.size()); ++row) {
        const QJsonObject run = runs.at(row).toObject();
        const int code = run.value(QLatin1String("result")).toInt();
        const QString step = run.value(QLatin1String("failedStep")).toString();
        setRow(m_runs, row,
            {resultText(run), run.value(QLatin1String("operation")).toString(),
                run.value(QLatin1String("station")).toString(), run.value(QLatin1String("slot")).toString(),
                run.value(QLatin1String("operator")).toString(),
                QString::number(run.value(QLatin1String("batch")).toInteger()),
                localTime(run.value(QLatin1String("startedAt")).toString()),
                QString::number(run.value(QLatin1String("attempt")).toInt()), firmwareText(run),
                step.isEmpty() ? QString() : StepNames::text(step)});
        m_runs->item(row, ResultColumn)->setData(Qt::UserRole, run.value(QLatin1String("uuid")).toString());
        m_runs->item(row, ResultColumn)->setForeground(code == 0 ? QColor(0x00, 0x78, 0x5a) : QColor(0xb3, 0x47, 0x00));
    }
    if (selected >= 0 && selected < m_runs->rowCount())
        m_runs->setCurrentCell(selected, 0);

    // Key records: state, sequence and station only; the server sends no key material.
    const QJsonArray keys = history.value(QLatin1String("keys")).toArray();
    m_keys->setRowCount(int(keys.size()));
    for (int row = 0; row < int(keys.size()); ++row) {
        const QJsonObject key = keys.at(row).toObject();
        setRow(m_keys, row,
            {key.value(QLatin1String("state")).toString(),
                QString::number(key.value(QLatin1String("sequence")).toInteger()),
                key.value(QLatin1String("station")).toString()});
    }
    const QJsonArray audit = history.value(QLatin1String("audit")).toArray();
    m_audit->setRowCount(int(audit.size()));
    for (int row = 0; row < int(audit.size()); ++row) {
        const QJsonObject e = audit.at(row).toObject();
        setRow(m_audit, row,
            {localTime(e.value(QLatin1String("at")).toString()), e.value(QLatin1String("actor")).toString(),
                e.value(QLatin1String("action")).toString(), e.value(QLatin1String("subject")).toString(),
                e.value(QLatin1String("detail")).toVariant().toString()});
    }
}

void HistoryPage::showLog(int row)
{
    const QString uuid = runUuid(row);
    if (uuid.isEmpty())
        return;
    m_log->setPlainText(tr("Loading the log\u2026"));
    m_api->whenFinished(
        m_api->get(QStringLiteral("/results/%1/log").arg(uuid)), this, [this, uuid](const Result<ApiResponse> &result) {
            // Only the run still selected.
            if (runUuid(m_runs->currentRow()) != uuid)
                return;
            if (!result) {
                m_log->setPlainText(tr("Cannot read the log of run %1: %2").arg(uuid, result.error().message));
                return;
            }
            const QString log = result->json.object().value(QLatin1String("log")).toString();
            m_log->setPlainText(log.isEmpty() ? tr("This run was sent without a log.") : log);
            Q_EMIT logShown(uuid);
        });
}

} // namespace prov::gui
