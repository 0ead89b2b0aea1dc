#include "server/report/ReportTemplate.h"

#include "server/report/DeviceReport.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QRegularExpression>

namespace prov::server {

namespace {

const QString kSuffix = QStringLiteral(".template");

/// The default template's titles, one per field of fieldNames().
const QStringList &defaultTitles()
{
    static const QStringList titles = {QStringLiteral("Node ID"), QStringLiteral("eMCM ID"),
        QStringLiteral("Meter serial"), QStringLiteral("Node firmware"), QStringLiteral("Host firmware"),
        QStringLiteral("Model"), QStringLiteral("Node type"), QStringLiteral("Configuration"),
        QStringLiteral("Revision"), QStringLiteral("Batch"), QStringLiteral("Station"), QStringLiteral("Slot"),
        QStringLiteral("Operator"), QStringLiteral("Last operation"), QStringLiteral("Last result"),
        QStringLiteral("Passed"), QStringLiteral("Time"), QStringLiteral("Host type"),
        QStringLiteral("Node firmware from"), QStringLiteral("Host firmware from")};
    return titles;
}

Error templateError(const QString &source, int line, const QString &what)
{
    return makeError(
        ResultCode::InvalidArguments, QStringLiteral("template %1, line %2: %3").arg(source).arg(line).arg(what));
}

} // namespace

const QStringList &ReportTemplate::fieldNames()
{
    static const QStringList names = {QStringLiteral("nodeId"), QStringLiteral("emcmId"), QStringLiteral("meterSerial"),
        QStringLiteral("nodeVersion"), QStringLiteral("hostVersion"), QStringLiteral("model"),
        QStringLiteral("nodeType"), QStringLiteral("configId"), QStringLiteral("revision"), QStringLiteral("batch"),
        QStringLiteral("station"), QStringLiteral("slot"), QStringLiteral("operator"), QStringLiteral("operation"),
        QStringLiteral("result"), QStringLiteral("passed"), QStringLiteral("time"), QStringLiteral("hostType"),
        QStringLiteral("nodeVersionSource"), QStringLiteral("hostVersionSource")};
    return names;
}

ReportTemplate ReportTemplate::allFields()
{
    ReportTemplate t;
    t.m_name = QStringLiteral("devices");
    for (qsizetype i = 0; i < fieldNames().size(); ++i)
        t.m_columns.append({defaultTitles().at(i), Column::Kind::Field, fieldNames().at(i)});
    return t;
}

Result<ReportTemplate> ReportTemplate::parse(const QString &text, const QString &source)
{
    static const QRegularExpression parameterName(QStringLiteral("^[A-Za-z][A-Za-z0-9_]{0,31}$"));
    ReportTemplate t;
    t.m_name = source;
    const QStringList lines = text.split(u'\n');
    for (int i = 0; i < lines.size(); ++i) {
        const int number = i + 1;
        const QString line = lines.at(i).trimmed();
        if (line.isEmpty() || line.startsWith(u'#'))
            continue;
        const qsizetype equals = line.indexOf(u'=');
        if (equals < 0)
            return templateError(source, number, QStringLiteral("'%1' is not TITLE = VALUE").arg(line.left(60)));
        const QString title = line.left(equals).trimmed();
        const QString value = line.mid(equals + 1).trimmed();
        if (title.startsWith(u'@')) {
            if (title != QLatin1String("@rows"))
                return templateError(source, number, QStringLiteral("unknown setting %1 (there is @rows)").arg(title));
            if (value != QLatin1String("all") && value != QLatin1String("passed"))
                return templateError(
                    source, number, QStringLiteral("@rows is '%1'; it is all or passed").arg(value.left(30)));
            t.m_passedOnly = value == QLatin1String("passed");
            continue;
        }
        if (title.isEmpty())
            return templateError(source, number, QStringLiteral("a column has no title"));
        Column column {title, Column::Kind::Field, value};
        if (value.startsWith(u'"')) {
            if (value.size() < 2 || !value.endsWith(u'"'))
                return templateError(
                    source, number, QStringLiteral("the constant of %1 has no closing quote").arg(title));
            const QString inner = value.mid(1, value.size() - 2);
            QString constant;
            for (qsizetype c = 0; c < inner.size(); ++c) {
                if (inner.at(c) == u'"' && (c + 1 >= inner.size() || inner.at(++c) != u'"'))
                    return templateError(source, number,
                        QStringLiteral("a quote inside the constant of %1 must be doubled (\"\")").arg(title));
                constant += inner.at(c);
            }
            column.kind = Column::Kind::Constant;
            column.value = constant;
        } else if (value.startsWith(u'$')) {
            column.kind = Column::Kind::Parameter;
            column.value = value.mid(1);
            if (!parameterName.match(column.value).hasMatch())
                return templateError(source, number,
                    QStringLiteral("'%1' is not a parameter name (letters, digits, _)").arg(value.left(40)));
        } else if (!fieldNames().contains(value) && !value.startsWith(QLatin1String("label."))) {
            return templateError(source, number,
                QStringLiteral("unknown field '%1' for %2 (fields: %3, label.NAME; a constant is in double quotes)")
                    .arg(value.left(40), title, fieldNames().join(QStringLiteral(", "))));
        }
        t.m_columns.append(column);
    }
    if (t.m_columns.isEmpty())
        return makeError(ResultCode::InvalidArguments, QStringLiteral("template %1 has no columns").arg(source));
    return t;
}

QString ReportTemplate::defaultDirectory()
{
    const QString fromEnv = qEnvironmentVariable("PROVSTATION_REPORT_TEMPLATES");
    if (!fromEnv.isEmpty())
        return fromEnv;
    return QDir::cleanPath(
        QCoreApplication::applicationDirPath() + QStringLiteral("/../share/provstation/report-templates"));
}

QStringList ReportTemplate::available(const QString &directory)
{
    QStringList names;
    for (const QString &file : QDir(directory).entryList({QStringLiteral("*") + kSuffix}, QDir::Files, QDir::Name))
        names.append(file.chopped(kSuffix.size()));
    return names;
}

Result<ReportTemplate> ReportTemplate::load(const QString &nameOrFile, const QString &directory)
{
    const bool isFile = nameOrFile.contains(u'/') || nameOrFile.endsWith(kSuffix);
    const QString path = isFile ? nameOrFile : QDir(directory).filePath(nameOrFile + kSuffix);
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        if (isFile)
            return makeError(ResultCode::InvalidArguments,
                QStringLiteral("cannot read the template file %1: %2").arg(path, file.errorString()));
        const QStringList names = available(directory);
        return makeError(ResultCode::InvalidArguments,
            QStringLiteral("no report template named '%1' (templates in %2: %3)")
                .arg(nameOrFile.left(60), QDir::toNativeSeparators(directory),
                    names.isEmpty() ? QStringLiteral("none") : names.join(QStringLiteral(", "))));
    }
    auto parsed = parse(QString::fromUtf8(file.readAll()), isFile ? path : nameOrFile);
    if (parsed && !isFile)
        parsed->m_name = nameOrFile;
    return parsed;
}

Status ReportTemplate::bind(const QMap<QString, QString> &values)
{
    const QStringList wanted = parameters();
    for (auto it = values.cbegin(); it != values.cend(); ++it) {
        if (!wanted.contains(it.key()))
            return makeError(ResultCode::InvalidArguments,
                QStringLiteral("template %1 has no parameter '%2' (it has: %3)")
                    .arg(m_name, it.key().left(40),
                        wanted.isEmpty() ? QStringLiteral("none") : wanted.join(QStringLiteral(", "))));
    }
    for (const QString &name : wanted) {
        if (!values.contains(name))
            return makeError(ResultCode::InvalidArguments,
                QStringLiteral("template %1 needs a value for '%2' (--set %2=VALUE)").arg(m_name, name));
    }
    m_values = values;
    return {};
}

QStringList ReportTemplate::titles() const
{
    QStringList list;
    for (const Column &column : m_columns)
        list.append(column.title);
    return list;
}

QStringList ReportTemplate::parameters() const
{
    QStringList list;
    for (const Column &column : m_columns) {
        if (column.kind == Column::Kind::Parameter && !list.contains(column.value))
            list.append(column.value);
    }
    return list;
}

QStringList ReportTemplate::cells(const DeviceRecord &record) const
{
    QStringList cells;
    cells.reserve(m_columns.size());
    for (const Column &column : m_columns) {
        switch (column.kind) {
        case Column::Kind::Field:
            cells.append(record.field(column.value));
            break;
        case Column::Kind::Constant:
            cells.append(column.value);
            break;
        case Column::Kind::Parameter:
            cells.append(m_values.value(column.value));
            break;
        }
    }
    return cells;
}

} // namespace prov::server
