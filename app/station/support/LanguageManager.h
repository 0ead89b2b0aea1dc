#pragma once

#include <QObject>
#include <QStringList>
#include <QTranslator>

#include <memory>

namespace prov::gui {

/// Switches the application's language at run time: installs ProvStation's
/// translator (embedded .qm, resource prefix /i18n) and Qt's own (qtbase) for
/// the chosen language; every widget retranslates on QEvent::LanguageChange.
class LanguageManager : public QObject
{
    Q_OBJECT

public:
    explicit LanguageManager(QObject *parent = nullptr);
    ~LanguageManager() override;

    /// "en", "es", "zh_CN".
    [[nodiscard]] static QStringList supportedLanguages();
    /// The language's own name ("Español", "简体中文").
    [[nodiscard]] static QString nativeName(const QString &language);

    /// Returns false (and keeps the current language) for an unknown one.
    bool setLanguage(const QString &language);
    [[nodiscard]] QString language() const { return m_language; }

Q_SIGNALS:
    void languageChanged(const QString &language);

private:
    QString m_language = QStringLiteral("en");
    std::unique_ptr<QTranslator> m_app;
    std::unique_ptr<QTranslator> m_qt;
};

} // namespace prov::gui
