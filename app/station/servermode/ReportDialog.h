#pragma once

#include "support/PackageList.h"

#include <QDialog>
#include <QJsonArray>
#include <QMap>
#include <QPointer>

class QComboBox;
class QFormLayout;
class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;

namespace prov::gui {

class ApiClient;
class DeviceSelection;
class FileDownload;

/// A device report (CSV: one row per device of a configuration, its batches and
/// a period, with the columns of one of the server's templates and that
/// template's parameters), streamed from GET /api/v1/reports/devices straight
/// into the file chosen; the file only appears when the report is complete.
/// The templates and their parameters come from GET /api/v1/reports/templates.
class ReportDialog : public QDialog
{
    Q_OBJECT

public:
    ReportDialog(ApiClient *api, const QList<PackageRow> &packages, QWidget *parent = nullptr);
    ~ReportDialog() override;

    /// The configuration, batches and date range it covers.
    [[nodiscard]] DeviceSelection *selection() const { return m_selection; }
    /// Picks a listed template by name; false when the server has none of that name.
    bool setTemplate(const QString &name);
    void setParameter(const QString &name, const QString &value);
    void setOutputFile(const QString &path);
    [[nodiscard]] QStringList templateNames() const;
    [[nodiscard]] QStringList parameterNames() const { return m_parameters.keys(); }
    [[nodiscard]] QString errorText() const;
    [[nodiscard]] QString resultText() const;
    [[nodiscard]] QPushButton *saveButton() const { return m_save; }

public Q_SLOTS:
    void loadTemplates();
    void saveReport();

Q_SIGNALS:
    void templatesListed(const QStringList &names);
    void saved(const QString &path, int devices);
    void failed(const QString &message);

private:
    void showTemplate();
    void showError(const QString &text);

    ApiClient *m_api;
    DeviceSelection *m_selection;
    QComboBox *m_template;
    QLabel *m_columns;
    QFormLayout *m_parameterForm;
    QMap<QString, QLineEdit *> m_parameters;
    QLineEdit *m_output;
    QPushButton *m_browse;
    QPushButton *m_save;
    QPushButton *m_close;
    QProgressBar *m_progress;
    QLabel *m_error;
    QLabel *m_result;
    QJsonArray m_templates;
    QPointer<FileDownload> m_download;
};

} // namespace prov::gui
