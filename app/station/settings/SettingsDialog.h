#pragma once

#include "engine/PluginDescription.h"
#include "slots/SlotRunOptions.h"

#include <QDialog>
#include <QHash>
#include <QMap>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QSpinBox;
class QTableWidget;
class QTabWidget;

namespace prov::gui {

class SecretStore;
class StationSettings;

/// The station's settings (supervisor or admin only; the window checks the
/// role before opening it): server address and certificate pins, station
/// name and gateway, slot bindings to ports by USB serial number or socket,
/// meter plugin defaults (rendered from each plugin's settings schema),
/// scan patterns and timing, language and sounds. Secrets (station token,
/// password-type plugin settings) go to the keychain, never to QSettings.
class SettingsDialog : public QDialog
{
    Q_OBJECT

public:
    SettingsDialog(StationSettings *settings, SecretStore *secrets, const QList<engine::PluginDescription> &plugins,
        QWidget *parent = nullptr);
    ~SettingsDialog() override;

    /// Validates and writes everything; on failure says why in errorText() and keeps the dialog open.
    bool save();
    [[nodiscard]] QString errorText() const;
    [[nodiscard]] QTabWidget *tabs() const { return m_tabs; }
    [[nodiscard]] QTableWidget *slotTable() const { return m_slotTable; }
    [[nodiscard]] QTableWidget *patternTable() const { return m_patternTable; }
    /// One row per slot group named in the slot table: its run options.
    [[nodiscard]] QTableWidget *groupTable() const { return m_groupTable; }

    void accept() override;

Q_SIGNALS:
    void soundTestRequested();

private:
    QWidget *buildServerPage();
    QWidget *buildSlotsPage();
    QWidget *buildPluginsPage();
    QWidget *buildScanningPage();
    QWidget *buildLanguagePage();
    void load();
    void addSlotRow(const struct SlotBinding &binding);
    void addPatternRow(int kind, const QString &pattern);
    QWidget *buildGroupBox(QWidget *parent);
    /// The group table lists the groups the slot table names now, each with
    /// the options it had (a group named again gets its options back).
    void refreshGroupRows();
    /// The options the group table shows, by group.
    [[nodiscard]] QMap<QString, SlotRunOptions> groupOptions() const;
    void refreshPorts();
    void bindSelected(int kind);
    void tryBarcode();
    void showError(const QString &text);

    StationSettings *m_settings;
    SecretStore *m_secrets;
    QList<engine::PluginDescription> m_plugins;
    QTabWidget *m_tabs = nullptr;
    QLabel *m_error = nullptr;

    QLineEdit *m_serverUrl = nullptr;
    QPlainTextEdit *m_pins = nullptr;
    QLineEdit *m_stationName = nullptr;
    QLineEdit *m_gatewayHost = nullptr;
    QSpinBox *m_gatewayPort = nullptr;
    QLineEdit *m_token = nullptr;
    QLabel *m_tokenState = nullptr;

    QTableWidget *m_slotTable = nullptr;
    QTableWidget *m_portTable = nullptr;
    QTableWidget *m_groupTable = nullptr;
    QMap<QString, SlotRunOptions> m_groups; ///< every group's options seen in this dialog

    QHash<QString, QWidget *> m_pluginFields; ///< "<plugin>/<key>" -> editor

    QTableWidget *m_patternTable = nullptr;
    QSpinBox *m_interKey = nullptr;
    QSpinBox *m_minLength = nullptr;
    QComboBox *m_serialScanner = nullptr;
    QSpinBox *m_serialBaud = nullptr;
    QCheckBox *m_autoStart = nullptr;
    QCheckBox *m_operatorJob = nullptr;
    QLineEdit *m_tryBarcode = nullptr;
    QLabel *m_tryResult = nullptr;

    QComboBox *m_language = nullptr;
    QCheckBox *m_sounds = nullptr;
    QSpinBox *m_retryLimit = nullptr;
};

} // namespace prov::gui
