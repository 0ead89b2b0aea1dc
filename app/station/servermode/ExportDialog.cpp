#include "servermode/ExportDialog.h"

#include "servermode/DeviceSelection.h"
#include "servermode/FileDownload.h"

#include "domain/IdRangeList.h"
#include "support/ApiClient.h"

#include <QDir>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QJsonArray>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QNetworkReply>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QRegularExpression>
#include <QVBoxLayout>

namespace prov::gui {

ExportDialog::ExportDialog(ApiClient *api, const QList<PackageRow> &packages, QWidget *parent)
    : QDialog(parent)
    , m_api(api)
    , m_selection(new DeviceSelection(packages, tr("Provisioned"), this))
    , m_nodeIds(new QLineEdit(this))
    , m_output(new QLineEdit(this))
    , m_browse(new QPushButton(tr("Browse\u2026"), this))
    , m_export(new QPushButton(tr("Export"), this))
    , m_close(new QPushButton(tr("Close"), this))
    , m_progress(new QProgressBar(this))
    , m_error(new QLabel(this))
    , m_result(new QLabel(this))
    , m_leftOutLabel(new QLabel(this))
    , m_leftOut(new QPlainTextEdit(this))
{
    setObjectName(QStringLiteral("exportDialog"));
    setWindowTitle(tr("Export device keys"));
    m_nodeIds->setObjectName(QStringLiteral("nodeIds"));
    m_nodeIds->setPlaceholderText(tr("all, or hex e.g. 0x00010000-0x0001FFFF"));
    m_output->setObjectName(QStringLiteral("outputFile"));
    m_output->setText(QDir::home().filePath(QStringLiteral("device_keys.xml")));
    m_error->setObjectName(QStringLiteral("error"));
    m_error->setWordWrap(true);
    m_error->setStyleSheet(QStringLiteral("color: #b34700; font-weight: bold;"));
    m_error->hide();
    m_result->setObjectName(QStringLiteral("result"));
    m_result->setWordWrap(true);
    m_result->hide();
    m_leftOutLabel->setObjectName(QStringLiteral("leftOutLabel"));
    m_leftOutLabel->setWordWrap(true);
    m_leftOutLabel->setStyleSheet(QStringLiteral("color: #b34700;"));
    m_leftOutLabel->hide();
    m_leftOut->setObjectName(QStringLiteral("leftOut"));
    m_leftOut->setReadOnly(true);
    m_leftOut->setMaximumHeight(120);
    m_leftOut->hide();
    m_progress->hide();

    auto *outRow = new QHBoxLayout;
    outRow->addWidget(m_output, 1);
    outRow->addWidget(m_browse);
    QFormLayout *form = m_selection->form();
    form->insertRow(2, tr("Node IDs"), m_nodeIds); // after the batches, before the dates
    form->addRow(tr("Save as"), outRow);
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_progress, 1);
    buttons->addWidget(m_export);
    buttons->addWidget(m_close);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_selection);
    layout->addWidget(m_error);
    layout->addWidget(m_result);
    layout->addWidget(m_leftOutLabel);
    layout->addWidget(m_leftOut);
    layout->addStretch();
    layout->addLayout(buttons);

    connect(m_browse, &QPushButton::clicked, this, [this] {
        const QString path
            = QFileDialog::getSaveFileName(this, tr("Save device keys"), m_output->text(), tr("XML (*.xml)"));
        if (!path.isEmpty())
            m_output->setText(path);
    });
    m_export->setDefault(true); // Enter exports
    connect(m_export, &QPushButton::clicked, this, &ExportDialog::startExport);
    connect(m_close, &QPushButton::clicked, this, &QDialog::reject);
    resize(680, 320);
}

ExportDialog::~ExportDialog() = default; // an export still going stops; its file never appears

void ExportDialog::setNodeIds(const QString &nodeIds)
{
    m_nodeIds->setText(nodeIds);
}

void ExportDialog::setOutputFile(const QString &path)
{
    m_output->setText(path);
}

QString ExportDialog::errorText() const
{
    return m_error->isHidden() ? QString() : m_error->text();
}

QString ExportDialog::resultText() const
{
    return m_result->isHidden() ? QString() : m_result->text();
}

void ExportDialog::showError(const QString &text)
{
    m_error->setText(text);
    m_error->setVisible(!text.isEmpty());
    if (!text.isEmpty())
        Q_EMIT failed(text);
}

void ExportDialog::startExport()
{
    showError(QString());
    m_result->hide();
    m_leftOutLabel->hide();
    m_leftOut->hide();
    m_leftOutNodes.clear();
    QUrlQuery query;
    if (QString error; !m_selection->addTo(&query, QStringLiteral("batches"), &error)) {
        showError(error);
        return;
    }
    const QString nodeIds = m_nodeIds->text().trimmed();
    if (!nodeIds.isEmpty()) {
        const auto parsed = IdRangeList::parse(nodeIds, IdRangeList::Radix::Hex);
        if (!parsed) {
            showError(tr("Node IDs: %1").arg(parsed.error().message));
            return;
        }
        query.addQueryItem(QStringLiteral("nodeIds"), nodeIds);
    }

    delete m_download;
    auto started = FileDownload::start(m_api, QStringLiteral("/export"), query, m_output->text().trimmed(), this);
    if (!started) {
        showError(started.error().message);
        return;
    }
    m_download = started.value();
    m_devices = 0;
    m_expected = -1;
    m_tail.clear();
    m_export->setEnabled(false);
    m_progress->setRange(0, 0);
    m_progress->setFormat(QString());
    m_progress->show();
    m_query = query;
    connect(m_download, &FileDownload::received, this, &ExportDialog::countDevices);
    connect(m_download, &FileDownload::finished, this, [this](const Status &status) {
        m_export->setEnabled(true);
        m_progress->hide();
        if (!status) {
            showError(status.error().message);
            return;
        }
        const QString path = m_download->path();
        m_result->setText(tr("%n device(s) exported to %1.", nullptr, m_devices).arg(path));
        m_result->show();
        // Read from the same snapshot as the document (see GET /export).
        const int leftOut = m_download->header("X-Left-Out-Count").toInt();
        const QByteArray listed = m_download->header("X-Left-Out-Nodes");
        Q_EMIT exported(path, m_devices);
        if (leftOut == 0 || !listed.isEmpty()) {
            showLeftOut(leftOut, leftOut == 0 ? QStringList() : QString::fromLatin1(listed).split(QLatin1Char(',')));
            return;
        }
        // Too many for a header: the full list.
        QNetworkReply *more = m_api->get(QStringLiteral("/export/left-out"), m_query);
        m_api->whenFinished(more, this, [this, leftOut](const Result<ApiResponse> &answer) {
            QStringList nodes;
            if (answer) {
                const QJsonArray list = answer->json.object().value(QStringLiteral("nodes")).toArray();
                for (const QJsonValue &node : list)
                    nodes << node.toObject().value(QStringLiteral("nodeId")).toString();
            }
            showLeftOut(qMax(leftOut, int(nodes.size())), nodes);
        });
    });
}

void ExportDialog::showLeftOut(int count, const QStringList &nodeIds)
{
    m_leftOutNodes = nodeIds;
    if (count > 0) {
        m_leftOutLabel->setText(tr("%n node(s) left out: their latest provisioning did not finish (pending or "
                                   "failed), so no key of theirs is exported. Provision them again:",
            nullptr, count));
        m_leftOut->setPlainText(nodeIds.join(QLatin1Char('\n')));
    }
    m_leftOutLabel->setVisible(count > 0);
    m_leftOut->setVisible(count > 0);
    Q_EMIT leftOutListed(nodeIds);
}

void ExportDialog::countDevices(const QByteArray &chunk)
{
    const QByteArray scan = m_tail + chunk;
    m_devices += int(scan.count("<device ")) - int(m_tail.count("<device "));
    m_tail = scan.right(16);
    if (m_expected < 0) {
        static const QRegularExpression count(QStringLiteral("<deviceKeys[^>]*\\scount=\"(\\d+)\""));
        const QRegularExpressionMatch match = count.match(QString::fromUtf8(scan.left(4096)));
        if (match.hasMatch())
            m_expected = match.captured(1).toInt();
    }
    if (m_expected > 0) {
        m_progress->setRange(0, m_expected);
        m_progress->setValue(qMin(m_devices, m_expected));
        m_progress->setFormat(tr("%1 of %2 devices").arg(m_devices).arg(m_expected));
    } else {
        m_progress->setFormat(tr("%1 devices, %2 kB").arg(m_devices).arg(m_download->bytes() / 1024));
    }
}

} // namespace prov::gui
