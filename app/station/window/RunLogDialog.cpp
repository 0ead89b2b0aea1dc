#include "window/RunLogDialog.h"

#include <QDialogButtonBox>
#include <QFile>
#include <QFontDatabase>
#include <QLabel>
#include <QPlainTextEdit>
#include <QVBoxLayout>

namespace prov::gui {

namespace {
constexpr qint64 kMaxShown = 1024 * 1024;
}

RunLogDialog::RunLogDialog(const QString &title, const QString &path, QWidget *parent)
    : QDialog(parent)
    , m_path(new QLabel(path, this))
    , m_text(new QPlainTextEdit(this))
{
    setWindowTitle(title);
    setObjectName(QStringLiteral("runLogDialog"));
    m_path->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_text->setReadOnly(true);
    m_text->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        m_text->setPlainText(tr("Cannot open the run log %1: %2").arg(path, file.errorString()));
    } else {
        if (file.size() > kMaxShown)
            file.seek(file.size() - kMaxShown);
        m_text->setPlainText(QString::fromUtf8(file.readAll()));
        m_text->moveCursor(QTextCursor::End);
    }
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_path);
    layout->addWidget(m_text);
    layout->addWidget(buttons);
    resize(900, 600);
}

QString RunLogDialog::text() const
{
    return m_text->toPlainText();
}

} // namespace prov::gui
