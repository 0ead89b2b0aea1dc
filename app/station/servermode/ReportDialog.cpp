#include "servermode/ReportDialog.h"

#include "servermode/DeviceSelection.h"
#include "servermode/FileDownload.h"

#include "support/ApiClient.h"

#include <QComboBox>
#include <QDir>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QNetworkReply>
#include <QProgressBar>
#include <QPushButton>
#include <QVBoxLayout>

namespace prov::gui {

ReportDialog::ReportDialog(ApiClient *api, const QList<PackageRow> &packages, QWidget *parent)
    : QDialog(parent)
    , m_api(api)
    , m_selection(new DeviceSelection(packages, tr("Runs started"), this))
    , m_template(new QComboBox(this))
    , m_columns(new QLabel(this))
    , m_parameterForm(new QFormLayout)
    , m_output(new QLineEdit(this))
    , m_browse(new QPushButton(tr("Browse\u2026"), this))
    , m_save(new QPushButton(tr("Save report"), this))
    , m_close(new QPushButton(tr("Close"), this))
    , m_progress(new QProgressBar(this))
    , m_error(new QLabel(this))
    , m_result(new QLabel(this))
{
    setObjectName(QStringLiteral("reportDialog"));
    setWindowTitle(tr("Device report"));
    m_template->setObjectName(QStringLiteral("template"));
    m_columns->setObjectName(QStringLiteral("columns"));
    m_columns->setWordWrap(true);
    m_output->setObjectName(QStringLiteral("outputFile"));
    m_output->setText(QDir::home().filePath(QStringLiteral("device-report.csv")));
    m_error->setObjectName(QStringLiteral("error"));
    m_error->setWordWrap(true);
    m_error->setStyleSheet(QStringLiteral("color: #b34700; font-weight: bold;"));
    m_error->hide();
    m_result->setObjectName(QStringLiteral("result"));
    m_result->setWordWrap(true);
    m_result->hide();
    m_progress->hide();

    auto *outRow = new QHBoxLayout;
    outRow->addWidget(m_output, 1);
    outRow->addWidget(m_browse);
    QFormLayout *form = m_selection->form();
    form->addRow(tr("Template"), m_template);
    form->addRow(QString(), m_columns);
    form->addRow(m_parameterForm);
    form->addRow(tr("Save as"), outRow);
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_progress, 1);
    buttons->addWidget(m_save);
    buttons->addWidget(m_close);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_selection);
    layout->addWidget(m_error);
    layout->addWidget(m_result);
    layout->addStretch();
    layout->addLayout(buttons);

    connect(m_browse, &QPushButton::clicked, this, [this] {
        const QString path
            = QFileDialog::getSaveFileName(this, tr("Save the device report"), m_output->text(), tr("CSV (*.csv)"));
        if (!path.isEmpty())
            m_output->setText(path);
    });
    connect(m_template, &QComboBox::currentIndexChanged, this, &ReportDialog::showTemplate);
    m_save->setDefault(true);
    m_save->setEnabled(false); // until the templates are known
    connect(m_save, &QPushButton::clicked, this, &ReportDialog::saveReport);
    connect(m_close, &QPushButton::clicked, this, &QDialog::reject);
    resize(680, 360);
    loadTemplates();
}

ReportDialog::~ReportDialog() = default; // a download still going stops; its file never appears

bool ReportDialog::setTemplate(const QString &name)
{
    const int index = m_template->findData(name);
    if (index < 0)
        return false;
    m_template->setCurrentIndex(index);
    return true;
}

void ReportDialog::setParameter(const QString &name, const QString &value)
{
    if (QLineEdit *field = m_parameters.value(name))
        field->setText(value);
}

void ReportDialog::setOutputFile(const QString &path)
{
    m_output->setText(path);
}

QStringList ReportDialog::templateNames() const
{
    QStringList names;
    for (int i = 0; i < m_template->count(); ++i)
        names << m_template->itemData(i).toString();
    return names;
}

QString ReportDialog::errorText() const
{
    return m_error->isHidden() ? QString() : m_error->text();
}

QString ReportDialog::resultText() const
{
    return m_result->isHidden() ? QString() : m_result->text();
}

void ReportDialog::showError(const QString &text)
{
    m_error->setText(text);
    m_error->setVisible(!text.isEmpty());
    if (!text.isEmpty())
        Q_EMIT failed(text);
}

void ReportDialog::loadTemplates()
{
    m_api->whenFinished(m_api->get(QStringLiteral("/reports/templates")), this, [this](const Result<ApiResponse> &r) {
        if (!r) {
            showError(tr("Cannot list the report templates: %1").arg(r.error().message));
            return;
        }
        m_templates = r->json.object().value(QLatin1String("templates")).toArray();
        const QSignalBlocker quiet(m_template);
        m_template->clear();
        QStringList names;
        for (const QJsonValue &value : std::as_const(m_templates)) {
            const QString name = value.toObject().value(QLatin1String("name")).toString();
            // The built-in template of every field is "devices".
            m_template->addItem(name == u"devices" ? tr("All fields") : name, name);
            names << name;
        }
        showTemplate();
        m_save->setEnabled(m_template->count() > 0);
        Q_EMIT templatesListed(names);
    });
}

void ReportDialog::showTemplate()
{
    // One field per parameter of the template; values typed for another template stay out.
    while (m_parameterForm->rowCount() > 0)
        m_parameterForm->removeRow(0);
    m_parameters.clear();
    const int index = m_template->currentIndex();
    if (index < 0 || index >= int(m_templates.size())) {
        m_columns->clear();
        return;
    }
    const QJsonObject chosen = m_templates.at(index).toObject();
    if (const QString problem = chosen.value(QLatin1String("error")).toString(); !problem.isEmpty()) {
        m_columns->setText(tr("This template cannot be used: %1").arg(problem));
        return;
    }
    QStringList columns;
    for (const QJsonValue &c : chosen.value(QLatin1String("columns")).toArray())
        columns << c.toString();
    m_columns->setText(chosen.value(QLatin1String("rows")).toString() == u"passed"
            ? tr("Columns: %1 (devices whose last run passed)").arg(columns.join(QStringLiteral(", ")))
            : tr("Columns: %1").arg(columns.join(QStringLiteral(", "))));
    for (const QJsonValue &p : chosen.value(QLatin1String("parameters")).toArray()) {
        const QString name = p.toString();
        auto *field = new QLineEdit(this);
        field->setObjectName(QStringLiteral("parameter_") + name);
        m_parameterForm->addRow(name, field);
        m_parameters.insert(name, field);
    }
}

void ReportDialog::saveReport()
{
    showError(QString());
    m_result->hide();
    QUrlQuery query;
    if (QString error; !m_selection->addTo(&query, QStringLiteral("batch"), &error)) {
        showError(error);
        return;
    }
    query.addQueryItem(QStringLiteral("template"), m_template->currentData().toString());
    for (auto it = m_parameters.cbegin(); it != m_parameters.cend(); ++it) {
        const QString value = it.value()->text();
        if (value.trimmed().isEmpty()) {
            showError(tr("The template needs a value for %1.").arg(it.key()));
            return;
        }
        // "NAME=VALUE" may hold '&', '=', '+' or '#': encoded whole.
        query.addQueryItem(
            QStringLiteral("set"), QString::fromLatin1(QUrl::toPercentEncoding(it.key() + u'=' + value)));
    }

    delete m_download;
    auto started
        = FileDownload::start(m_api, QStringLiteral("/reports/devices"), query, m_output->text().trimmed(), this);
    if (!started) {
        showError(started.error().message);
        return;
    }
    m_download = started.value();
    m_save->setEnabled(false);
    m_progress->setRange(0, 0);
    m_progress->show();
    connect(m_download, &FileDownload::received, this,
        [this] { m_progress->setFormat(tr("%1 kB").arg(m_download->bytes() / 1024)); });
    connect(m_download, &FileDownload::finished, this, [this](const Status &status) {
        m_save->setEnabled(true);
        m_progress->hide();
        if (!status) {
            showError(status.error().message);
            return;
        }
        const QString path = m_download->path();
        const int devices = m_download->header("X-Device-Count").toInt();
        m_result->setText(tr("%n device(s) written to %1.", nullptr, devices).arg(path));
        m_result->show();
        Q_EMIT saved(path, devices);
    });
}

} // namespace prov::gui
