#pragma once

#include <QDialog>

class QLabel;
class QPlainTextEdit;

namespace prov::gui {

/// Shows a slot's run log (the engine's file for the last run; never holds
/// secrets). Large logs show their last megabyte.
class RunLogDialog : public QDialog
{
    Q_OBJECT

public:
    explicit RunLogDialog(const QString &title, const QString &path, QWidget *parent = nullptr);

    [[nodiscard]] QString text() const;

private:
    QLabel *m_path;
    QPlainTextEdit *m_text;
};

} // namespace prov::gui
