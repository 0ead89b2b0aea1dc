#include "support/LanguageManager.h"

#include "support/AppLog.h"

#include <QCoreApplication>
#include <QLibraryInfo>
#include <QLocale>

namespace prov::gui {

LanguageManager::LanguageManager(QObject *parent)
    : QObject(parent)
{ }

LanguageManager::~LanguageManager()
{
    if (m_app)
        QCoreApplication::removeTranslator(m_app.get());
    if (m_qt)
        QCoreApplication::removeTranslator(m_qt.get());
}

QStringList LanguageManager::supportedLanguages()
{
    return {QStringLiteral("en"), QStringLiteral("es"), QStringLiteral("zh_CN")};
}

QString LanguageManager::nativeName(const QString &language)
{
    if (language == QLatin1String("es"))
        return QStringLiteral("Espa\u00f1ol");
    if (language == QLatin1String("zh_CN"))
        return QStringLiteral("\u7b80\u4f53\u4e2d\u6587");
    return QStringLiteral("English");
}

bool LanguageManager::setLanguage(const QString &language)
{
    if (!supportedLanguages().contains(language))
        return false;
    if (m_app) {
        QCoreApplication::removeTranslator(m_app.get());
        m_app.reset();
    }
    if (m_qt) {
        QCoreApplication::removeTranslator(m_qt.get());
        m_qt.reset();
    }
    // English is the source language but has its own .qm too (plural forms).
    auto app = std::make_unique<QTranslator>();
    if (app->load(QStringLiteral(":/i18n/provstation_%1.qm").arg(language))) {
        QCoreApplication::installTranslator(app.get());
        m_app = std::move(app);
    } else {
        qCWarning(lcApp) << "no translation for" << language;
    }
    if (language != QLatin1String("en")) {
        auto qt = std::make_unique<QTranslator>();
        if (qt->load(QLocale(language), QStringLiteral("qtbase"), QStringLiteral("_"),
                QLibraryInfo::path(QLibraryInfo::TranslationsPath))) {
            QCoreApplication::installTranslator(qt.get());
            m_qt = std::move(qt);
        }
    }
    m_language = language;
    Q_EMIT languageChanged(language);
    return true;
}

} // namespace prov::gui
