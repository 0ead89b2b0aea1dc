#pragma once

#include "support/PackageList.h"

#include <QWidget>

class QLabel;
class QPushButton;
class QTableWidget;

namespace prov::gui {

class ApiClient;

/// The packages overview: every configuration and revision (config ID, node
/// type and version, app label, apps, comment, imported time, revision), with
/// Import, Export and the device report.
class PackagesPage : public QWidget
{
    Q_OBJECT

public:
    explicit PackagesPage(ApiClient *api, QWidget *parent = nullptr);

    [[nodiscard]] const QList<PackageRow> &rows() const { return m_rows; }
    [[nodiscard]] QTableWidget *table() const { return m_table; }

    /// Key export and package import are an admin's; a supervisor reads
    /// the packages and makes device reports.
    void setAdmin(bool admin);

public Q_SLOTS:
    void refresh();

Q_SIGNALS:
    void importRequested();
    void exportRequested();
    void reportRequested();
    void refreshed();

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslate();
    void fill();

    ApiClient *m_api;
    QList<PackageRow> m_rows;
    QTableWidget *m_table;
    QLabel *m_status;
    QPushButton *m_import;
    QPushButton *m_export;
    QPushButton *m_report;
    QPushButton *m_refresh;
};

} // namespace prov::gui
