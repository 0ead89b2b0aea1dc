#pragma once

#include "domain/Result.h"

#include <QList>
#include <QMap>
#include <QString>
#include <QStringList>

namespace prov::server {

struct DeviceRecord;

/// Which columns a device report has and what each takes (docs/server.md,
/// "Device reports"). A template file is UTF-8 text, one column a line:
///
///     # a comment
///     @rows = passed              (optional: all, the default, or passed)
///     Module ID = emcmId          (a field of the device record)
///     Host Manufacturer = $maker  (a parameter: --set maker=...)
///     Note = "made in Plant 2"    (a constant; "" inside is one ")
///
/// The title is everything before the first '=', trimmed.
class ReportTemplate
{
public:
    struct Column
    {
        enum class Kind { Field, Constant, Parameter };
        QString title;
        Kind kind = Kind::Field;
        QString value; ///< field name, constant text or parameter name
    };

    /// Every field a column may take, in the order of the default template.
    [[nodiscard]] static const QStringList &fieldNames();
    /// One column per field, titled for people ("Node ID", ...): every device of the selection.
    [[nodiscard]] static ReportTemplate allFields();
    /// Parses a template; errors name `source`, the line and what was wrong.
    [[nodiscard]] static Result<ReportTemplate> parse(const QString &text, const QString &source);
    /// `nameOrFile`: a file path (has a '/' or ends in ".template"), else a template
    /// of that name in `directory` (NAME.template). The error names what is there.
    [[nodiscard]] static Result<ReportTemplate> load(const QString &nameOrFile, const QString &directory);
    /// Where the server's own templates are: PROVSTATION_REPORT_TEMPLATES, else
    /// share/provstation/report-templates beside the program's bin/.
    [[nodiscard]] static QString defaultDirectory();
    /// The template names in `directory`, sorted.
    [[nodiscard]] static QStringList available(const QString &directory);

    /// Gives the parameters their values; an error names a parameter without one
    /// (or a value given for none).
    [[nodiscard]] Status bind(const QMap<QString, QString> &values);

    [[nodiscard]] const QList<Column> &columns() const { return m_columns; }
    [[nodiscard]] QStringList titles() const;
    [[nodiscard]] QStringList parameters() const;
    [[nodiscard]] bool passedOnly() const { return m_passedOnly; }
    [[nodiscard]] const QString &name() const { return m_name; }
    /// The cells of one device's row.
    [[nodiscard]] QStringList cells(const DeviceRecord &record) const;

private:
    QString m_name;
    QList<Column> m_columns;
    QMap<QString, QString> m_values;
    bool m_passedOnly = false;
};

} // namespace prov::server
