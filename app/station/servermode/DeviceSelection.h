#pragma once

#include "support/PackageList.h"

#include <QWidget>

class QCheckBox;
class QComboBox;
class QDateTime;
class QDateTimeEdit;
class QFormLayout;
class QLineEdit;
class QUrlQuery;

namespace prov::gui {

/// Which devices a server-mode report or key export covers: a configuration
/// (the latest of each package, or typed: an ID or an alias), its batches and
/// a date range, as the first rows of a form the dialog adds its own rows to.
class DeviceSelection : public QWidget
{
    Q_OBJECT

public:
    /// `datesLabel` names what the date range bounds ("Provisioned", "Runs started").
    DeviceSelection(const QList<PackageRow> &packages, const QString &datesLabel, QWidget *parent = nullptr);

    /// The form: Configuration, Batches, the dates; the dialog adds (or inserts) its rows.
    [[nodiscard]] QFormLayout *form() const { return m_form; }

    void setConfiguration(const QString &configIdOrAlias);
    void setBatches(const QString &batches);
    /// An invalid end leaves that side open.
    void setDateRange(const QDateTime &from, const QDateTime &to);

    /// Adds configId or configAlias, the batches (under `batchKey`) and the
    /// dates to `query`; false with a sentence for the operator in `error`
    /// when no configuration is picked or the batches do not parse (checked
    /// here for a quick answer; the server checks again and has the last word).
    [[nodiscard]] bool addTo(QUrlQuery *query, const QString &batchKey, QString *error) const;

private:
    QFormLayout *m_form;
    QComboBox *m_config;
    QLineEdit *m_batches;
    QCheckBox *m_useFrom;
    QDateTimeEdit *m_from;
    QCheckBox *m_useTo;
    QDateTimeEdit *m_to;
};

} // namespace prov::gui
