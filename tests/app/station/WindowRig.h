#pragma once

#include "RecordingBackend.h"
#include "TestSupport.h"

#include "scan/ScanEventFilter.h"
#include "settings/StationSettings.h"
#include "support/ApiClient.h"
#include "support/LanguageManager.h"
#include "support/SoundPlayer.h"
#include "window/StationWindow.h"

#include <QApplication>
#include <QDir>

#include <memory>

namespace prov::test {

/// The station window as the window tests build it: its services owned
/// here, the engine played by RecordingBackend, i210plus slots bound to
/// plain files named like ports, a server address nobody listens on.
struct WindowRig
{
    std::unique_ptr<gui::StationSettings> settings;
    std::unique_ptr<gui::ApiClient> api;
    std::unique_ptr<gui::SoundPlayer> sounds;
    std::unique_ptr<gui::LanguageManager> languages;
    std::unique_ptr<gui::ScanEventFilter> filter;
    std::unique_ptr<RecordingBackend> backend;
    std::unique_ptr<gui::StationWindow> window;

    /// Settings in `dir`/station.ini with `slotCount` slots, English; then the services.
    [[nodiscard]] bool make(const QDir &dir, int slotCount)
    {
        settings = std::make_unique<gui::StationSettings>(dir.filePath(QStringLiteral("station.ini")));
        QList<gui::SlotBinding> bindings;
        for (int i = 0; i < slotCount; ++i) {
            const QString port = dir.filePath(QStringLiteral("port%1").arg(i));
            if (!writeFile(port, {}))
                return false;
            bindings.append(gui::SlotBinding {
                QString::number(i + 1), gui::SlotBinding::Kind::PortName, port, QStringLiteral("i210plus"), {}, {}});
        }
        settings->setSlotBindings(bindings);
        settings->setServerUrl(QUrl(QStringLiteral("http://127.0.0.1:1"))); // nothing listens: the header says so
        settings->setLanguage(QStringLiteral("en"));
        api = std::make_unique<gui::ApiClient>();
        sounds = std::make_unique<gui::SoundPlayer>();
        languages = std::make_unique<gui::LanguageManager>();
        filter = std::make_unique<gui::ScanEventFilter>();
        backend = std::make_unique<RecordingBackend>();
        return true;
    }

    [[nodiscard]] gui::WindowServices services() const
    {
        gui::WindowServices s;
        s.settings = settings.get();
        s.api = api.get();
        s.languages = languages.get();
        s.sounds = sounds.get();
        s.scanFilter = filter.get();
        s.backend = backend.get();
        return s;
    }

    void makeWindow() { window = std::make_unique<gui::StationWindow>(services()); }

    /// The window first, then what it used.
    void reset()
    {
        if (filter)
            qApp->removeEventFilter(filter.get());
        window.reset();
        backend.reset();
        filter.reset();
        languages.reset();
        sounds.reset();
        api.reset();
        settings.reset();
    }
};

} // namespace prov::test
