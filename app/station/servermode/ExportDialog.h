#pragma once

#include "support/PackageList.h"

#include <QDialog>
#include <QPointer>
#include <QUrlQuery>

class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QProgressBar;
class QPushButton;

namespace prov::gui {

class ApiClient;
class DeviceSelection;
class FileDownload;

/// Key export: configuration, batches, node IDs, date range -> device_keys.xml,
/// streamed from GET /api/v1/export straight into the file (never held whole
/// in memory), with progress; the file only appears when the export finished.
/// Afterwards it names the nodes the export left out (their latest record is
/// pending or failed), from the response's X-Left-Out-* headers or, for a long
/// list, GET /api/v1/export/left-out, so they can be provisioned again.
class ExportDialog : public QDialog
{
    Q_OBJECT

public:
    ExportDialog(ApiClient *api, const QList<PackageRow> &packages, QWidget *parent = nullptr);
    ~ExportDialog() override;

    /// The configuration, batches and date range it covers.
    [[nodiscard]] DeviceSelection *selection() const { return m_selection; }
    void setNodeIds(const QString &nodeIds);
    void setOutputFile(const QString &path);
    [[nodiscard]] QString errorText() const;
    [[nodiscard]] QString resultText() const;
    [[nodiscard]] int devicesWritten() const { return m_devices; }
    /// The node IDs the last export left out.
    [[nodiscard]] QStringList leftOutNodes() const { return m_leftOutNodes; }
    [[nodiscard]] QPushButton *exportButton() const { return m_export; }

public Q_SLOTS:
    void startExport();

Q_SIGNALS:
    void exported(const QString &path, int devices);
    /// The left-out nodes are known (after exported(); none: an empty list).
    void leftOutListed(const QStringList &nodeIds);
    void failed(const QString &message);

private:
    /// Counts the devices of the document as it arrives (for the progress bar).
    void countDevices(const QByteArray &chunk);
    void showError(const QString &text);
    void showLeftOut(int count, const QStringList &nodeIds);

    ApiClient *m_api;
    DeviceSelection *m_selection;
    QLineEdit *m_nodeIds;
    QLineEdit *m_output;
    QPushButton *m_browse;
    QPushButton *m_export;
    QPushButton *m_close;
    QProgressBar *m_progress;
    QLabel *m_error;
    QLabel *m_result;
    QLabel *m_leftOutLabel;
    QPlainTextEdit *m_leftOut;
    QUrlQuery m_query;
    QStringList m_leftOutNodes;
    QPointer<FileDownload> m_download;
    QByteArray m_tail; ///< last bytes of the previous chunk, so a split "<device " is still counted
    int m_devices = 0;
    int m_expected = -1; ///< the root element's count, once seen
};

} // namespace prov::gui
