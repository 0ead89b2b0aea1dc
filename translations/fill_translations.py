#!/usr/bin/env python3
"""Fills the Spanish and Simplified Chinese .ts files from the table below and
marks the English one finished, so every .ts is complete (no unfinished entry).

Workflow: `cmake --build build --target provstationgui_lupdate` (adds new
source texts as unfinished), add the new texts to TR, run this script, commit.
It fails, listing them, when a source text has no translation here.
Numerus texts (%n) give lists: Spanish singular/plural, Chinese one form.
"""
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

HERE = Path(__file__).resolve().parent

TR = {
    # --- Server mode for supervisors ---
    "Server mode needs an admin or supervisor login.": ("El modo servidor necesita iniciar sesión como administrador o supervisor.", "服务器模式需要管理员或主管登录。"),
    "%1 is neither an admin nor a supervisor.": ("%1 no es administrador ni supervisor.", "%1 既不是管理员也不是主管。"),
    # --- HistoryPage and ReportDialog (server mode) ---
    "An identity with '/' cannot be looked up: enter the node ID, eMCM ID or meter serial.": ("Una identidad con '/' no se puede buscar: introduzca el ID de nodo, el ID de eMCM o el número de serie del medidor.", "无法查找包含 '/' 的标识：请输入节点 ID、eMCM ID 或电表序列号。"),
    "%1 — %2": ("%1 — %2", "%1 — %2"),
    "Node ID, eMCM ID or its last 8 digits, meter serial or a scanned label": ("ID de nodo, ID de eMCM o sus 8 últimos dígitos, número de serie del medidor o una etiqueta escaneada", "节点 ID、eMCM ID 或其最后 8 位、电表序列号或扫描的标签"),
    "Look up": ("Buscar", "查找"),
    "Runs, oldest first": ("Ejecuciones, la más antigua primero", "运行记录（最早的在前）"),
    "Log of the selected run": ("Registro de la ejecución seleccionada", "所选运行的日志"),
    "Key records": ("Registros de claves", "密钥记录"),
    "Audit entries": ("Entradas de auditoría", "审计条目"),
    "Slot": ("Posición", "工位"),
    "Attempt": ("Intento", "尝试次数"),
    "Failed step": ("Paso fallido", "失败的步骤"),
    "Firmware": ("Firmware", "固件"),
    "%1: none in this period": ("%1: ninguno en este periodo", "%1：此期间无"),
    "Station fault: %1": ("Fallo de estación: %1", "工作站故障：%1"),
    "%1 \u00b7 rejected by %2": ("%1 \u00b7 rechazada por %2", "%1 \u00b7 已由 %2 拒收"),
    "node %1 \u00b7 host %2": ("nodo %1 \u00b7 host %2", "节点 %1 \u00b7 主机 %2"),
    "Sequence": ("Secuencia", "序号"),
    "Enter a node ID, an eMCM ID, a meter serial or a scanned label.": ("Introduzca un ID de nodo, un ID de eMCM, un número de serie del medidor o una etiqueta escaneada.", "请输入节点 ID、eMCM ID、电表序列号或扫描的标签。"),
    "Looking up %1…": ("Buscando %1…", "正在查找 %1…"),
    "No run and no key record names %1.": ("Ninguna ejecución ni registro de clave menciona %1.", "没有任何运行或密钥记录涉及 %1。"),
    "Cannot read the history of %1: %2": ("No se puede leer el historial de %1: %2", "无法读取 %1 的历史记录：%2"),
    "%n run(s)": (["%n ejecución", "%n ejecuciones"], ["%n 次运行"]),
    "Meter serial": ("Número de serie del medidor", "电表序列号"),
    "Label %1": ("Etiqueta %1", "标签 %1"),
    "Loading the log…": ("Cargando el registro…", "正在加载日志…"),
    "Cannot read the log of run %1: %2": ("No se puede leer el registro de la ejecución %1: %2", "无法读取运行 %1 的日志：%2"),
    "This run was sent without a log.": ("Esta ejecución se envió sin registro.", "此运行发送时没有附带日志。"),
    "History": ("Historial", "历史记录"),
    "Device report…": ("Informe de dispositivos…", "设备报告…"),
    "Device report": ("Informe de dispositivos", "设备报告"),
    "Save report": ("Guardar informe", "保存报告"),
    "Runs started": ("Ejecuciones iniciadas", "运行开始时间"),
    "Template": ("Plantilla", "模板"),
    "Save the device report": ("Guardar el informe de dispositivos", "保存设备报告"),
    "CSV (*.csv)": ("CSV (*.csv)", "CSV (*.csv)"),
    "All fields": ("Todos los campos", "所有字段"),
    "Cannot list the report templates: %1": ("No se pueden listar las plantillas de informe: %1", "无法列出报告模板：%1"),
    "This template cannot be used: %1": ("Esta plantilla no se puede usar: %1", "此模板无法使用：%1"),
    "Columns: %1 (devices whose last run passed)": ("Columnas: %1 (dispositivos cuya última ejecución fue aprobada)", "列：%1（最后一次运行通过的设备）"),
    "Columns: %1": ("Columnas: %1", "列：%1"),
    "The template needs a value for %1.": ("La plantilla necesita un valor para %1.", "该模板需要 %1 的值。"),
    "%n device(s) written to %1.": (["%n dispositivo escrito en %1.", "%n dispositivos escritos en %1."], ["已将 %n 台设备写入 %1。"]),
    "%1 kB": ("%1 kB", "%1 kB"),
    # --- StationsPage: heartbeat state and run figures ---
    "State": ("Estado", "状态"),
    "Running": ("En curso", "运行中"),
    "Station faults": ("Fallos de estación", "工作站故障"),
    "First-pass yield": ("Rendimiento a la primera", "一次通过率"),
    "Today": ("Hoy", "今天"),
    "Last 7 days": ("Últimos 7 días", "最近 7 天"),
    "All time": ("Todo", "全部时间"),
    "No heartbeat": ("Sin latido", "无心跳"),
    "Up since %1": ("Activa desde %1", "自 %1 起在线"),
    "Down (last seen %1)": ("Inactiva (vista por última vez %1)", "离线（最后在线 %1）"),
    "%1 of %2 slots": ("%1 de %2 posiciones", "%2 个工位中的 %1 个"),
    "%n up now": (["%n activa ahora", "%n activas ahora"], ["%n 个在线"]),
    # --- StationsPage: the server's address and key pin ---
    "Stations connect to %1 (plain HTTP: no key to pin).": (
        "Las estaciones se conectan a %1 (HTTP sin cifrar: ninguna clave que fijar).",
        "工作站连接到 %1（明文 HTTP：没有可固定的密钥）。"),
    "Stations connect to %1 \u2014 server key pin: %2": (
        "Las estaciones se conectan a %1 \u2014 pin de la clave del servidor: %2",
        "工作站连接到 %1 \u2014 服务器密钥指纹：%2"),
    # --- CorrectiveAction (core/domain/ResultCode.cpp) ---
    "check the arguments": ("compruebe los argumentos", "请检查参数"),
    "check the cable, the port and that the device is powered": (
        "compruebe el cable, el puerto y que el dispositivo esté alimentado",
        "请检查线缆、端口以及设备是否已通电"),
    "check the configuration ID or alias and that the latest package is imported": (
        "compruebe el ID o alias de configuración y que el último paquete esté importado",
        "请检查配置 ID 或别名，并确认已导入最新的配置包"),
    "check that server mode is running and reachable from this station": (
        "compruebe que el modo servidor esté en marcha y sea accesible desde esta estación",
        "请确认服务器模式正在运行，且本工作站可以访问"),
    "in shared-folder mode, check that the station can read the shared folder": (
        "en modo de carpeta compartida, compruebe que la estación pueda leer la carpeta compartida",
        "在共享文件夹模式下，请确认工作站可以读取共享文件夹"),
    "check that the gateway runs and is reachable": (
        "compruebe que la pasarela esté en marcha y sea accesible",
        "请确认网关正在运行且可以访问"),
    "check that the access point is online and the device is near it": (
        "compruebe que el punto de acceso esté en línea y el dispositivo cerca de él",
        "请确认接入点在线，且设备靠近接入点"),
    "check the external antenna": ("compruebe la antena externa", "请检查外部天线"),
    "check that the eMCM is seated, the meter powered and configured to match": (
        "compruebe que el eMCM esté bien insertado y que el medidor esté alimentado y configurado en consecuencia",
        "请确认 eMCM 已插好，电表已通电且配置匹配"),
    "check that the station may write its working folder": (
        "compruebe que la estación pueda escribir en su carpeta de trabajo",
        "请确认工作站可以写入其工作文件夹"),
    "collect the log and send it to support": (
        "recoja el registro y envíelo al soporte técnico",
        "请收集日志并发送给技术支持"),
    # --- ResultCode ---
    "success": ("correcto", "成功"),
    "internal software error": ("error interno del software", "软件内部错误"),
    "invalid command-line arguments": ("argumentos de línea de comandos no válidos", "命令行参数无效"),
    "cannot communicate with the device under test": (
        "no se puede comunicar con el dispositivo bajo prueba", "无法与被测设备通信"),
    "unknown error": ("error desconocido", "未知错误"),
    "message to node failed": ("falló el mensaje al nodo", "发送到节点的消息失败"),
    "node returned unexpected error": ("el nodo devolvió un error inesperado", "节点返回了意外错误"),
    "verification of node provisioning failed": (
        "falló la verificación del aprovisionamiento del nodo", "节点配置验证失败"),
    "node version incompatible with this provisioning version": (
        "versión del nodo incompatible con esta versión de aprovisionamiento", "节点版本与当前配置版本不兼容"),
    "node hardware type incompatible": ("tipo de hardware del nodo incompatible", "节点硬件类型不兼容"),
    "node calibration information incompatible": (
        "información de calibración del nodo incompatible", "节点校准信息不兼容"),
    "node configuration information incompatible": (
        "información de configuración del nodo incompatible", "节点配置信息不兼容"),
    "node firmware from server unavailable or does not match node type": (
        "firmware del nodo no disponible en el servidor o no corresponde al tipo de nodo",
        "服务器上的节点固件不可用或与节点类型不匹配"),
    "node configuration from server unavailable or invalid": (
        "configuración del nodo no disponible en el servidor o no válida", "服务器上的节点配置不可用或无效"),
    "cannot communicate with the host (eMCM)": (
        "no se puede comunicar con el host (eMCM)", "无法与主机（eMCM）通信"),
    "host returned unexpected error": ("el host devolvió un error inesperado", "主机返回了意外错误"),
    "verification of host provisioning failed": (
        "falló la verificación del aprovisionamiento del host", "主机配置验证失败"),
    "host reported failing or invalid hardware": (
        "el host informó de hardware defectuoso o no válido", "主机报告硬件故障或无效"),
    "host firmware from server unavailable or does not match host type": (
        "firmware del host no disponible en el servidor o no corresponde al tipo de host",
        "服务器上的主机固件不可用或与主机类型不匹配"),
    "host configuration from server unavailable or invalid": (
        "configuración del host no disponible en el servidor o no válida", "服务器上的主机配置不可用或无效"),
    "server unreachable": ("servidor inaccesible", "无法连接服务器"),
    "server returned an error response": ("el servidor devolvió una respuesta de error", "服务器返回了错误响应"),
    "server response invalid, or file hash/signature mismatch": (
        "respuesta del servidor no válida, o hash/firma de archivo no coincide",
        "服务器响应无效，或文件哈希/签名不匹配"),
    "cannot open a file from the server": ("no se puede abrir un archivo del servidor", "无法打开来自服务器的文件"),
    "gateway unreachable": ("pasarela inaccesible", "无法连接网关"),
    "gateway returned unexpected error": ("la pasarela devolvió un error inesperado", "网关返回了意外错误"),
    "device did not join the gateway": ("el dispositivo no se unió a la pasarela", "设备未加入网关"),
    "application link failure (eMCM cannot talk to the meter)": (
        "fallo del enlace de aplicación (el eMCM no puede comunicarse con el medidor)",
        "应用链路故障（eMCM 无法与电表通信）"),
    # --- scanning ---
    'scan pattern "%1" has no kind': ('el patrón de escaneo "%1" no tiene tipo', "扫码规则“%1”没有类型"),
    'scan pattern "%1" for %2 is invalid: %3 at %4': (
        'el patrón de escaneo "%1" para %2 no es válido: %3 en la posición %4', "%2 的扫码规则“%1”无效：%3（位置 %4）"),
    "slot label": ("etiqueta de posición", "工位标签"),
    "eMCM ID": ("ID del eMCM", "eMCM ID"),
    "meter serial": ("número de serie del medidor", "电表序列号"),
    "configuration alias": ("alias de configuración", "配置别名"),
    "batch number": ("número de lote", "批次号"),
    "unknown barcode": ("código de barras desconocido", "未知条码"),
    "already waiting in slot %1": ("ya está esperando en la posición %1", "已在工位 %1 等待"),
    "already provisioned in this batch": ("ya aprovisionado en este lote", "本批次中已配置过"),
    'Barcode "%1" is not a slot, device, configuration or batch label': (
        'El código "%1" no es una etiqueta de posición, dispositivo, configuración ni lote',
        "条码“%1”不是工位、设备、配置或批次标签"),
    'Barcode "%1" is not valid': ('El código "%1" no es válido', "条码“%1”无效"),
    'Barcode "%1" is a duplicate': ('El código "%1" está duplicado', "条码“%1”重复"),
    'Slot is running: barcode "%1" refused': (
        'La posición está en marcha: código "%1" rechazado', "工位正在运行：条码“%1”被拒绝"),
    'No free slot for barcode "%1": scan a slot label first': (
        'No hay posición libre para el código "%1": escanee primero una etiqueta de posición',
        "没有空闲工位可接收条码“%1”：请先扫描工位标签"),
    'No slot is labelled "%1"': ('Ninguna posición tiene la etiqueta "%1"', "没有标签为“%1”的工位"),
    "scanner port %1 is in use": ("el puerto del escáner %1 está en uso", "扫码枪端口 %1 正被占用"),
    "cannot open scanner port %1: %2": ("no se puede abrir el puerto del escáner %1: %2", "无法打开扫码枪端口 %1：%2"),
    "scanner port %1 failed: %2": ("falló el puerto del escáner %1: %2", "扫码枪端口 %1 出错：%2"),
    # --- bindings, statuses, roles ---
    "USB serial %1": ("serie USB %1", "USB 序列号 %1"),
    "USB socket %1": ("conector USB %1", "USB 接口 %1"),
    "port %1": ("puerto %1", "端口 %1"),
    "not bound": ("sin asignar", "未绑定"),
    "IDLE": ("EN ESPERA", "空闲"),
    "RUNNING": ("EN CURSO", "运行中"),
    "PASS": ("CORRECTO", "通过"),
    "FAIL": ("FALLO", "失败"),
    "NEEDS ATTENTION": ("REQUIERE ATENCIÓN", "需要处理"),
    "admin": ("administrador", "管理员"),
    "supervisor": ("supervisor", "主管"),
    "operator": ("operador", "操作员"),
    "station": ("estación", "工作站"),
    # --- API client ---
    "the certificate of server %1 does not match the pinned certificate": (
        "el certificado del servidor %1 no coincide con el certificado fijado", "服务器 %1 的证书与固定的证书不匹配"),
    "server %1 unreachable: %2": ("servidor %1 inaccesible: %2", "无法连接服务器 %1：%2"),
    "server %1 sent invalid JSON: %2": ("el servidor %1 envió JSON no válido: %2", "服务器 %1 发送了无效的 JSON：%2"),
    "server %1 answered HTTP %2": ("el servidor %1 respondió HTTP %2", "服务器 %1 返回 HTTP %2"),
    # --- header ---
    "Operator": ("Operador", "操作员"),
    "Configuration": ("Configuración", "配置"),
    "Batch": ("Lote", "批次"),
    "Operation": ("Operación", "工序"),
    "scan or type": ("escanee o escriba", "扫码或输入"),
    "pick or scan": ("elija o escanee", "选择或扫码"),
    "Log out": ("Cerrar sesión", "退出登录"),
    "nobody": ("nadie", "未登录"),
    "Operator (%1)": ("Operador (%1)", "操作员（%1）"),
    "Log in": ("Iniciar sesión", "登录"),
    "○ Server: connecting…": ("○ Servidor: conectando…", "○ 服务器：正在连接…"),
    "● Server connected": ("● Servidor conectado", "● 服务器已连接"),
    "✖ Server unreachable": ("✖ Servidor inaccesible", "✖ 无法连接服务器"),
    # Short: the header must fit a 1280-pixel screen (tst_stationwindow).
    "Outbox: %n pending": (["Por enviar: %n", "Por enviar: %n"],
                           ["发件箱：%n 条待发送"]),
    "Shift: %1 passed · %2 failed\nFPY %3 · %4 units/h": (
        "Turno: %1 correctos · %2 fallos\nFPY %3 · %4 unidades/h", "本班：通过 %1 · 失败 %2\n直通率 %3 · %4 台/小时"),
    # --- login ---
    "User": ("Usuario", "用户"),
    "Password": ("Contraseña", "密码"),
    "Cancel": ("Cancelar", "取消"),
    "Enter your user name and password.": ("Introduzca su usuario y contraseña.", "请输入用户名和密码。"),
    "Badge": ("Credencial", "工牌"),
    "Scan your badge, or enter user and password": ("Escanee su credencial, o introduzca usuario y contraseña",
                                                    "扫描工牌，或输入用户名和密码"),
    "Scan your badge, or enter your user name and password.": (
        "Escanee su credencial, o introduzca su usuario y contraseña.", "请扫描工牌，或输入用户名和密码。"),
    "never": ("nunca", "从不"),
    " min": (" min", " 分钟"),
    "Log out after no input for": ("Cerrar sesión tras no recibir entrada durante", "无操作自动退出时间"),
    "Logged out after %n minute(s) without input: log in again.": (
        ["Sesión cerrada tras %n minuto sin actividad: inicie sesión de nuevo.",
         "Sesión cerrada tras %n minutos sin actividad: inicie sesión de nuevo."],
        ["%n 分钟无操作，已退出登录：请重新登录。"]),
    "Set badge…": ("Asignar credencial…", "设置工牌…"),
    "Set badge": ("Asignar credencial", "设置工牌"),
    "optional: scan the badge": ("opcional: escanee la credencial", "可选：扫描工牌"),
    "Badge of %1 removed.": ("Credencial de %1 eliminada.", "已移除 %1 的工牌。"),
    "Badge of %1 set.": ("Credencial de %1 asignada.", "已设置 %1 的工牌。"),
    "Scan the new badge of %1 (leave empty to remove the badge)": (
        "Escanee la nueva credencial de %1 (déjelo vacío para eliminarla)", "扫描 %1 的新工牌（留空则移除工牌）"),
    "The server's answer has no session token.": (
        "La respuesta del servidor no contiene un token de sesión.", "服务器的响应中没有会话令牌。"),
    "Cannot open the run log %1: %2": (
        "No se puede abrir el registro de ejecución %1: %2", "无法打开运行日志 %1：%2"),
    # --- secrets ---
    "the keychain did not answer within %1 s": (
        "el llavero no respondió en %1 s", "钥匙串在 %1 秒内没有响应"),
    "PROVSTATION_SECRETS=file selects the file store": (
        "PROVSTATION_SECRETS=file selecciona el almacén en archivos", "PROVSTATION_SECRETS=file 选择了文件存储"),
    "no D-Bus session bus (DBUS_SESSION_BUS_ADDRESS is not set)": (
        "no hay bus de sesión D-Bus (DBUS_SESSION_BUS_ADDRESS no está definida)",
        "没有 D-Bus 会话总线（未设置 DBUS_SESSION_BUS_ADDRESS）"),
    "cannot read secret file %1: %2": ("no se puede leer el archivo secreto %1: %2", "无法读取密钥文件 %1：%2"),
    "cannot write secret file %1: %2": ("no se puede escribir el archivo secreto %1: %2", "无法写入密钥文件 %1：%2"),
    "cannot remove secret file %1: %2": ("no se puede borrar el archivo secreto %1: %2", "无法删除密钥文件 %1：%2"),
    "the keychain refused access to %1: %2": ("el llavero denegó el acceso a %1: %2", "钥匙串拒绝访问 %1：%2"),
    "the keychain refused to store %1: %2": ("el llavero se negó a guardar %1: %2", "钥匙串拒绝保存 %1：%2"),
    "the keychain refused to remove %1: %2": ("el llavero se negó a borrar %1: %2", "钥匙串拒绝删除 %1：%2"),
    # --- settings dialog ---
    "Station settings": ("Ajustes de la estación", "工作站设置"),
    "Server": ("Servidor", "服务器"),
    "Slots": ("Posiciones", "工位"),
    "Meter plugins": ("Complementos de medidor", "电表插件"),
    "Scanning": ("Escaneo", "扫码"),
    "Language and sounds": ("Idioma y sonidos", "语言和声音"),
    "One per line: sha256/<base64 of the public key digest>, or the certificate's SHA-256 in hex. Print them with: provstation-server tls-pin --tls-cert FILE": (
        "Una por línea: sha256/<base64 del resumen de la clave pública>, o el SHA-256 del certificado en hexadecimal. "
        "Se obtienen con: provstation-server tls-pin --tls-cert ARCHIVO",
        "每行一个：sha256/<公钥摘要的 base64>，或证书的十六进制 SHA-256。可用以下命令打印：provstation-server tls-pin --tls-cert 文件"),
    "leave empty to keep the stored token": ("déjelo vacío para conservar el token guardado", "留空则保留已保存的令牌"),
    "Server address": ("Dirección del servidor", "服务器地址"),
    "Certificate pins": ("Huellas de certificado fijadas", "证书固定值"),
    "Station name": ("Nombre de la estación", "工作站名称"),
    "Factory gateway": ("Pasarela de fábrica", "工厂网关"),
    "Gateway control port": ("Puerto de control de la pasarela", "网关控制端口"),
    "Station token": ("Token de la estación", "工作站令牌"),
    "Label": ("Etiqueta", "标签"),
    "Bound by": ("Asignada por", "绑定方式"),
    "Serial number / socket / port": ("Número de serie / conector / puerto", "序列号 / 接口 / 端口"),
    "Meter": ("Medidor", "电表"),
    "Found at": ("Encontrada en", "当前位置"),
    "Add slot": ("Añadir posición", "添加工位"),
    "Remove slot": ("Quitar posición", "删除工位"),
    "Serial ports present": ("Puertos serie presentes", "当前串口"),
    "Port": ("Puerto", "端口"),
    "USB serial number": ("Número de serie USB", "USB 序列号"),
    "USB socket": ("Conector USB", "USB 接口"),
    "Description": ("Descripción", "描述"),
    "Refresh": ("Actualizar", "刷新"),
    "Bind selected slot by serial number": (
        "Asignar la posición elegida por número de serie", "按序列号绑定所选工位"),
    "Bind selected slot by USB socket": ("Asignar la posición elegida por conector USB", "按 USB 接口绑定所选工位"),
    "Bind selected slot by port name": ("Asignar la posición elegida por nombre de puerto", "按端口名称绑定所选工位"),
    "Bind by USB serial number (or by the USB socket) so a re-plugged adapter comes back to its slot; ttyUSB/COM numbers change with the plug-in order.": (
        "Asigne por número de serie USB (o por conector USB) para que un adaptador reconectado vuelva a su posición; "
        "los números ttyUSB/COM cambian con el orden de conexión.",
        "请按 USB 序列号（或 USB 接口）绑定，这样重新插拔的适配器会回到原工位；ttyUSB/COM 编号会随插入顺序变化。"),
    "No meter plugins are loaded.": ("No hay complementos de medidor cargados.", "未加载电表插件。"),
    "This plugin has no settings.": ("Este complemento no tiene ajustes.", "此插件没有设置项。"),
    "kept in the keychain; leave empty to keep it": (
        "se guarda en el llavero; déjelo vacío para conservarlo", "保存在钥匙串中；留空则保留"),
    "What a barcode is (first matching pattern wins)": (
        "Qué es cada código de barras (gana el primer patrón que coincide)", "条码类型（按第一个匹配的规则）"),
    "Kind": ("Tipo", "类型"),
    "Pattern (regular expression, whole text)": (
        "Patrón (expresión regular, texto completo)", "规则（正则表达式，匹配整个文本）"),
    "Add": ("Añadir", "添加"),
    "Remove": ("Quitar", "删除"),
    "Up": ("Subir", "上移"),
    "Defaults": ("Valores predeterminados", "恢复默认"),
    "scan or type a barcode to test the patterns": (
        "escanee o escriba un código para probar los patrones", "扫描或输入条码以测试规则"),
    " ms": (" ms", " 毫秒"),
    "Start a slot as soon as its device is scanned": (
        "Iniciar una posición en cuanto se escanee su dispositivo", "扫描设备后立即启动工位"),
    "Operators may change the configuration, batch and operation": (
        "Los operadores pueden cambiar la configuración, el lote y la operación", "操作员可以更改配置、批次和工序"),
    "Keyboard scanner: longest gap between keys": (
        "Escáner de teclado: pausa máxima entre teclas", "键盘式扫码枪：按键最大间隔"),
    "Keyboard scanner: shortest barcode": ("Escáner de teclado: código más corto", "键盘式扫码枪：最短条码长度"),
    "Serial scanner port (empty: none)": ("Puerto del escáner serie (vacío: ninguno)", "串口扫码枪端口（留空表示无）"),
    "Serial scanner baud rate": ("Velocidad del escáner serie", "串口扫码枪波特率"),
    "Play pass, fail and reject sounds": (
        "Reproducir sonidos de correcto, fallo y rechazo", "播放通过、失败和拒绝提示音"),
    "Test sound": ("Probar sonido", "测试声音"),
    "Language": ("Idioma", "语言"),
    "Port name": ("Nombre de puerto", "端口名称"),
    "Not bound": ("Sin asignar", "未绑定"),
    "(station's)": ("(la de la estación)", "（工作站默认）"),
    "Select a slot and a port first.": ("Seleccione primero una posición y un puerto.", "请先选择一个工位和一个端口。"),
    "This adapter reports no USB serial number: bind it by USB socket instead.": (
        "Este adaptador no informa de número de serie USB: asígnelo por conector USB.",
        "此适配器没有 USB 序列号：请改为按 USB 接口绑定。"),
    "This port is not on USB: bind it by port name.": (
        "Este puerto no es USB: asígnelo por nombre de puerto.", "此端口不是 USB 端口：请按端口名称绑定。"),
    "Checking the keychain…": ("Consultando el llavero…", "正在检查钥匙串…"),
    "No station token is stored yet. Issue one with: provstation-server token issue --station NAME": (
        "Aún no hay token de estación guardado. Emita uno con: provstation-server token issue --station NOMBRE",
        "尚未保存工作站令牌。请用以下命令签发：provstation-server token issue --station 名称"),
    "A token is stored in the fallback file (no OS keychain: %1).": (
        "Hay un token guardado en el archivo de respaldo (sin llavero del sistema: %1).",
        "令牌保存在备用文件中（没有系统钥匙串：%1）。"),
    "A token is stored in the OS keychain.": (
        "Hay un token guardado en el llavero del sistema.", "令牌已保存在系统钥匙串中。"),
    'The server address "%1" is not an http or https URL.': (
        'La dirección del servidor "%1" no es una URL http o https.', "服务器地址“%1”不是 http 或 https URL。"),
    "Slot %1 needs a label of its own.": ("La posición %1 necesita una etiqueta propia.", "工位 %1 需要一个唯一的标签。"),
    "Slot %1 is bound by %2 but has no value.": (
        "La posición %1 está asignada por %2 pero no tiene valor.", "工位 %1 按 %2 绑定，但没有填写值。"),
    # --- slot widget ---
    "Slot %1": ("Posición %1", "工位 %1"),
    "%1 %": ("%1 %", "%1%"),
    "Node %1": ("Nodo %1", "节点 %1"),
    "eMCM %1": ("eMCM %1", "eMCM %1"),
    "SN %1": ("N.º serie %1", "序列号 %1"),
    "Error %1: %2": ("Error %1: %2", "错误 %1：%2"),
    "Likely fixture fault: failed %1 times in a row": (
        "Probable fallo del útil: %1 fallos seguidos", "可能是治具故障：连续失败 %1 次"),
    "✓%1  ✗%2  FPY %3": ("✓%1  ✗%2  FPY %3", "✓%1  ✗%2  直通率 %3"),
    "Start": ("Iniciar", "开始"),
    "Stop": ("Detener", "停止"),
    "Retry": ("Reintentar", "重试"),
    "Log": ("Registro", "日志"),
    "Open the run log": ("Abrir el registro de ejecución", "打开运行日志"),
    # --- station window ---
    "Your session expired: log in again.": ("Su sesión caducó: inicie sesión de nuevo.", "会话已过期：请重新登录。"),
    "No OS keychain (%1): the station keeps its secrets in files only this user can read, in %2.": (
        "Sin llavero del sistema (%1): la estación guarda sus secretos en archivos que solo este usuario puede leer, en %2.",
        "没有系统钥匙串（%1）：工作站将机密保存在仅当前用户可读的文件中，位于 %2。"),
    "ProvStation — station %1": ("ProvStation — estación %1", "ProvStation — 工作站 %1"),
    "Start all idle": ("Iniciar todas las libres", "启动所有空闲工位"),
    "Stop all": ("Detener todas", "全部停止"),
    "Reload configurations": ("Recargar configuraciones", "重新加载配置"),
    "New shift": ("Nuevo turno", "新班次"),
    "Settings": ("Ajustes", "设置"),
    "Server mode": ("Modo servidor", "服务器模式"),
    "Devices are running": ("Hay dispositivos en curso", "设备正在运行"),
    "Some slots are still provisioning. Stop them and quit?": (
        "Algunas posiciones siguen aprovisionando. ¿Detenerlas y salir?", "部分工位仍在配置中。要停止并退出吗？"),
    "The scan patterns in the settings are invalid; the defaults are used.": (
        "Los patrones de escaneo de los ajustes no son válidos; se usan los predeterminados.",
        "设置中的扫码规则无效；已使用默认规则。"),
    "No slots are set up yet: a supervisor binds the slots to ports in Settings.": (
        "Aún no hay posiciones configuradas: un supervisor asigna las posiciones a puertos en Ajustes.",
        "尚未设置工位：请主管在“设置”中将工位绑定到端口。"),
    "Slot not bound to a port (Settings)": ("Posición sin puerto asignado (Ajustes)", "工位未绑定端口（设置）"),
    "Port not found: %1": ("Puerto no encontrado: %1", "未找到端口：%1"),
    "Cannot load the configurations: %1": ("No se pueden cargar las configuraciones: %1", "无法加载配置：%1"),
    "Log in to run devices.": ("Inicie sesión para procesar dispositivos.", "请登录后再运行设备。"),
    "The provisioning engine is not available in this build.": (
        "El motor de aprovisionamiento no está disponible en esta compilación.", "此版本中没有配置引擎。"),
    "Pick or scan a configuration first.": ("Elija o escanee primero una configuración.", "请先选择或扫描配置。"),
    "Enter or scan the batch number first.": ("Introduzca o escanee primero el número de lote.", "请先输入或扫描批次号。"),
    "The batch number is not valid: %1": ("El número de lote no es válido: %1", "批次号无效：%1"),
    "%1 cannot run %2.": ("%1 no puede ejecutar %2.", "%1 不能运行 %2。"),
    "Scan the %1 first.": ("Escanee primero: %1.", "请先扫描：%1。"),
    'The scanned %1 "%2" does not fit this meter.': (
        'El valor escaneado (%1) "%2" no corresponde a este medidor.', "扫描到的%1“%2”与此电表不符。"),
    "Settings need a supervisor or admin login.": (
        "Los ajustes requieren una sesión de supervisor o administrador.", "更改设置需要主管或管理员登录。"),
    "%1 is logged in as %2. %3": ("%1 ha iniciado sesión como %2. %3", "%1 以%2身份登录。%3"),
    "Run log — slot %1": ("Registro de ejecución — posición %1", "运行日志 — 工位 %1"),
    "Last scan: %1": ("Último escaneo: %1", "上次扫码：%1"),
    "Next device scan goes to slot %1": (
        "El próximo escaneo de dispositivo va a la posición %1", "下一个设备条码将分配给工位 %1"),
    "%1 %2 scanned": ("%1 %2 escaneado", "已扫描%1 %2"),
    "%1 %2 scanned for slot %3": ("%1 %2 escaneado para la posición %3", "已为工位 %3 扫描%1 %2"),
    "Waiting for Start: %1": ("Esperando Iniciar: %1", "等待开始：%1"),
    # --- Clearing a waiting label, and its undo ---
    "Put %1 back on slot %2": ("Devolver %1 a la posición %2", "将 %1 放回工位 %2"),
    "The slot is running: its labels cannot be put back.": ("La posición está en curso: sus etiquetas no se pueden devolver.", "该工位正在运行：无法放回其标签。"),
    "The labels cannot be put back: one waits on another slot or was provisioned since.": ("Las etiquetas no se pueden devolver: una espera en otra posición o ya se aprovisionó.", "无法放回标签：其中一个正在另一个工位等待，或已被配置。"),
    "Clear label": ("Borrar etiqueta", "清除标签"),
    "Take the scanned labels off this slot (Undo puts them back)": ("Quitar de esta posición las etiquetas escaneadas (Deshacer las devuelve)", "从此工位移除已扫描的标签（撤销可放回）"),
    "Undo": ("Deshacer", "撤销"),
    "Nothing to undo: a cleared or replaced label can be put back for %n second(s).": (["Nada que deshacer: una etiqueta borrada o sustituida se puede devolver durante %n segundo.", "Nada que deshacer: una etiqueta borrada o sustituida se puede devolver durante %n segundos."], ["没有可撤销的操作：清除或替换的标签可在 %n 秒内放回。"]),
    "A new shift needs a supervisor or admin login.": ("Un turno nuevo requiere una sesión de supervisor o administrador.", "开始新班次需要主管或管理员登录。"),
    "Configuration %1 scanned, but only a supervisor may change it.": (
        "Configuración %1 escaneada, pero solo un supervisor puede cambiarla.", "已扫描配置 %1，但只有主管可以更改配置。"),
    "Configuration %1 selected by scan.": ("Configuración %1 seleccionada por escaneo.", "已通过扫码选择配置 %1。"),
    "Batch %1 scanned, but only a supervisor may change it.": (
        "Lote %1 escaneado, pero solo un supervisor puede cambiarlo.", "已扫描批次 %1，但只有主管可以更改批次。"),
    "Batch %1 selected by scan.": ("Lote %1 seleccionado por escaneo.", "已通过扫码选择批次 %1。"),
    # --- server mode: audit ---
    "Newest entries:": ("Entradas más recientes:", "最新条目："),
    "Verify the chain": ("Verificar la cadena", "校验链"),
    "#": ("N.º", "序号"),
    "Time": ("Hora", "时间"),
    "Who": ("Quién", "操作者"),
    "Action": ("Acción", "操作"),
    "Subject": ("Objeto", "对象"),
    "Detail": ("Detalle", "详情"),
    "Cannot read the audit log: %1": ("No se puede leer el registro de auditoría: %1", "无法读取审计日志：%1"),
    "Verifying…": ("Verificando…", "正在校验…"),
    "Cannot verify the audit log: %1": ("No se puede verificar el registro de auditoría: %1", "无法校验审计日志：%1"),
    "✔ The audit chain is intact (%n entries).": (
        ["✔ La cadena de auditoría está intacta (%n entrada).", "✔ La cadena de auditoría está intacta (%n entradas)."],
        ["✔ 审计链完整（%n 条记录）。"]),
    "✖ The audit chain is BROKEN: %1": ("✖ La cadena de auditoría está ROTA: %1", "✖ 审计链已损坏：%1"),
    # --- server mode: export ---
    "from": ("desde", "从"),
    "until (not including)": ("hasta (sin incluir)", "到（不含）"),
    "Browse…": ("Examinar…", "浏览…"),
    "Export": ("Exportar", "导出"),
    "Close": ("Cerrar", "关闭"),
    "Export device keys": ("Exportar claves de dispositivos", "导出设备密钥"),
    "all, or e.g. 1000,1002-1005": ("todos, o p. ej. 1000,1002-1005", "全部，或例如 1000,1002-1005"),
    "all, or hex e.g. 0x00010000-0x0001FFFF": (
        "todos, o en hexadecimal p. ej. 0x00010000-0x0001FFFF", "全部，或十六进制例如 0x00010000-0x0001FFFF"),
    "Batches": ("Lotes", "批次"),
    "Node IDs": ("ID de nodos", "节点 ID"),
    "Provisioned": ("Aprovisionado", "配置时间"),
    "Save as": ("Guardar como", "另存为"),
    "Save device keys": ("Guardar claves de dispositivos", "保存设备密钥"),
    "XML (*.xml)": ("XML (*.xml)", "XML (*.xml)"),
    "Pick a configuration.": ("Elija una configuración.", "请选择配置。"),
    "Batches: %1": ("Lotes: %1", "批次：%1"),
    "Node IDs: %1": ("ID de nodos: %1", "节点 ID：%1"),
    "Cannot write %1: %2": ("No se puede escribir %1: %2", "无法写入 %1：%2"),
    "%n device(s) exported to %1.": (
        ["%n dispositivo exportado a %1.", "%n dispositivos exportados a %1."], ["已导出 %n 台设备到 %1。"]),
    "%1 of %2 devices": ("%1 de %2 dispositivos", "%1 / %2 台设备"),
    "%1 devices, %2 kB": ("%1 dispositivos, %2 kB", "%1 台设备，%2 kB"),
    "%n node(s) left out: their latest provisioning did not finish (pending or failed), so no key of theirs is exported. Provision them again:": (
        [
            "%n nodo omitido: su último aprovisionamiento no terminó (pendiente o fallido), así que no se exporta ninguna clave suya. Aprovisiónelo de nuevo:",
            "%n nodos omitidos: su último aprovisionamiento no terminó (pendiente o fallido), así que no se exporta ninguna clave suya. Aprovisiónelos de nuevo:",
        ],
        ["已略过 %n 个节点：其最近一次配置未完成（待定或失败），因此不导出其任何密钥。请重新配置它们："],
    ),
    # --- server mode: import ---
    "Configuration ID": ("ID de configuración", "配置 ID"),
    "App label": ("Etiqueta de aplicación", "应用标签"),
    "Node type": ("Tipo de nodo", "节点类型"),
    "Node version": ("Versión del nodo", "节点版本"),
    "Apps": ("Aplicaciones", "应用"),
    "Aliases": ("Alias", "别名"),
    "KMS key": ("Clave KMS", "KMS 密钥"),
    "Revision": ("Revisión", "修订版"),
    "Result": ("Resultado", "结果"),
    "Warnings": ("Advertencias", "警告"),
    "Verify": ("Verificar", "校验"),
    "Import": ("Importar", "导入"),
    "Import a provisioning package": ("Importar un paquete de aprovisionamiento", "导入配置包"),
    "Package (.tar.gz)": ("Paquete (.tar.gz)", "配置包（.tar.gz）"),
    "Passphrase": ("Frase de contraseña", "口令"),
    "Comment": ("Comentario", "备注"),
    "Provisioning package": ("Paquete de aprovisionamiento", "配置包"),
    "Packages (*.tar.gz *.tgz);;All files (*)": (
        "Paquetes (*.tar.gz *.tgz);;Todos los archivos (*)", "配置包 (*.tar.gz *.tgz);;所有文件 (*)"),
    "The package file %1 does not exist.": ("El archivo de paquete %1 no existe.", "配置包文件 %1 不存在。"),
    "Enter the package's passphrase.": ("Introduzca la frase de contraseña del paquete.", "请输入配置包的口令。"),
    "Cannot read %1: %2": ("No se puede leer %1: %2", "无法读取 %1：%2"),
    "Verified: check the information above, then Import.": (
        "Verificado: revise la información de arriba y pulse Importar.", "已校验：请核对上面的信息，然后点击“导入”。"),
    "Imported (HTTP %1).": ("Importado (HTTP %1).", "已导入（HTTP %1）。"),
    # --- server mode: packages ---
    "Import package…": ("Importar paquete…", "导入配置包…"),
    "Export keys…": ("Exportar claves…", "导出密钥…"),
    "Imported": ("Importado", "导入时间"),
    "Cannot list the packages: %1": ("No se pueden listar los paquetes: %1", "无法列出配置包：%1"),
    "%1 (newest)": ("%1 (la más reciente)", "%1（最新）"),
    "by %1": ("por %1", "由 %1 导入"),
    "%n revision(s)": (["%n revisión", "%n revisiones"], ["%n 个修订版"]),
    # --- server mode: window ---
    "ProvStation — server mode": ("ProvStation — modo servidor", "ProvStation — 服务器模式"),
    "Packages": ("Paquetes", "配置包"),
    "Stations": ("Estaciones", "工作站"),
    "Users": ("Usuarios", "用户"),
    "Audit log": ("Registro de auditoría", "审计日志"),
    "Server output": ("Salida del servidor", "服务器输出"),
    "● Server mode at %1 — %2": ("● Modo servidor en %1 — %2", "● 服务器模式 %1 — %2"),
    "✖ Server mode at %1 not answering: %2": ("✖ El modo servidor en %1 no responde: %2", "✖ 服务器模式 %1 无响应：%2"),
    "%1 (%2)": ("%1 (%2)", "%1（%2）"),
    "not logged in": ("sin sesión", "未登录"),
    "%1, version %2, database %3": ("%1, versión %2, base de datos %3", "%1，版本 %2，数据库 %3"),
    "Server mode needs an admin login.": (
        "El modo servidor requiere una sesión de administrador.", "服务器模式需要管理员登录。"),
    "%1 is not an admin.": ("%1 no es administrador.", "%1 不是管理员。"),
    "Create the first admin": ("Crear el primer administrador", "创建第一个管理员"),
    "This server has no admin yet. Create the first one; more users can be added afterwards on the Users page.": (
        "Este servidor aún no tiene administrador. Cree el primero; después podrá añadir más usuarios en la página Usuarios.",
        "此服务器还没有管理员。请创建第一个管理员；之后可在“用户”页面添加更多用户。"),
    "Password again": ("Repita la contraseña", "再次输入密码"),
    "Enter a user name and a password.": ("Introduzca un usuario y una contraseña.", "请输入用户名和密码。"),
    "The passwords differ.": ("Las contraseñas no coinciden.", "两次输入的密码不一致。"),
    "cannot start %1: %2": ("no se puede iniciar %1: %2", "无法启动 %1：%2"),
    "the server process crashed": ("el proceso del servidor se bloqueó", "服务器进程崩溃"),
    "the server process exited with code %1: %2": (
        "el proceso del servidor terminó con el código %1: %2", "服务器进程以代码 %1 退出：%2"),
    # --- server mode: stations ---
    "Station": ("Estación", "工作站"),
    "Last seen": ("Visto por última vez", "最后在线"),
    "Passed": ("Correctos", "通过"),
    "Failed": ("Fallidos", "失败"),
    "Yield": ("Rendimiento", "良率"),
    "Outbox": ("Bandeja de salida", "发件箱"),
    "This server does not report stations.": (
        "Este servidor no informa de las estaciones.", "此服务器不提供工作站信息。"),
    "Cannot list the stations: %1": ("No se pueden listar las estaciones: %1", "无法列出工作站：%1"),
    "%n station(s)": (["%n estación", "%n estaciones"], ["%n 个工作站"]),
    # --- server mode: users ---
    "<b>Users</b>": ("<b>Usuarios</b>", "<b>用户</b>"),
    "<b>Tokens</b> (station tokens let a station fetch configurations and upload results)": (
        "<b>Tokens</b> (los tokens de estación permiten a una estación obtener configuraciones y subir resultados)",
        "<b>令牌</b>（工作站令牌用于获取配置和上传结果）"),
    "Add user…": ("Añadir usuario…", "添加用户…"),
    "Remove user": ("Quitar usuario", "删除用户"),
    "Set password…": ("Cambiar contraseña…", "设置密码…"),
    "Issue station token…": ("Emitir token de estación…", "签发工作站令牌…"),
    "Revoke token": ("Revocar token", "吊销令牌"),
    "Role": ("Rol", "角色"),
    "Created": ("Creado", "创建时间"),
    "Token": ("Token", "令牌"),
    "Owner": ("Titular", "所有者"),
    "Expires": ("Caduca", "过期时间"),
    "Revoked": ("Revocado", "已吊销"),
    "Cannot list the users: %1": ("No se pueden listar los usuarios: %1", "无法列出用户：%1"),
    "Cannot list the tokens: %1": ("No se pueden listar los tokens: %1", "无法列出令牌：%1"),
    "yes": ("sí", "是"),
    "User %1 added.": ("Usuario %1 añadido.", "已添加用户 %1。"),
    "Token issued for station %1.": ("Token emitido para la estación %1.", "已为工作站 %1 签发令牌。"),
    "Add user": ("Añadir usuario", "添加用户"),
    "Enter a user name.": ("Introduzca un nombre de usuario.", "请输入用户名。"),
    "Remove the user %1?": ("¿Quitar el usuario %1?", "要删除用户 %1 吗？"),
    "User %1 removed.": ("Usuario %1 quitado.", "已删除用户 %1。"),
    "Set password": ("Cambiar contraseña", "设置密码"),
    "New password for %1": ("Nueva contraseña para %1", "%1 的新密码"),
    "Password of %1 changed.": ("Contraseña de %1 cambiada.", "已更改 %1 的密码。"),
    "Issue station token": ("Emitir token de estación", "签发工作站令牌"),
    "The token for %1 (shown only now: put it in the station's settings)": (
        "El token de %1 (solo se muestra ahora: póngalo en los ajustes de la estación)",
        "%1 的令牌（仅显示这一次：请填入工作站设置）"),
    "Token %1 revoked.": ("Token %1 revocado.", "已吊销令牌 %1。"),
    # --- engine::RunModel (column headers), EngineSlotModel ---
    "State": ("Estado", "状态"),
    "Step": ("Paso", "步骤"),
    "Progress": ("Progreso", "进度"),
    "Node ID": ("ID de nodo", "节点 ID"),
    "Elapsed": ("Tiempo", "用时"),
    "Stopped by the operator: check the device, then start it again.": (
        "Detenido por el operador: compruebe el dispositivo y vuelva a iniciarlo.",
        "已由操作员停止：请检查设备，然后重新开始。"),
    # --- Pairing: ApiClient, SettingsDialog (pins) ---
    "the server settings are invalid: %1": (
        "la configuración del servidor no es válida: %1", "服务器设置无效：%1"),
    "server %1 presented the TLS key %2, which matches none of the pinned keys: it is not the server this station trusts": (
        "el servidor %1 presentó la clave TLS %2, que no coincide con ninguna de las claves fijadas: no es el servidor en el que confía esta estación",
        "服务器 %1 出示的 TLS 密钥 %2 与任何已固定的密钥都不匹配：它不是本工作站信任的服务器"),
    "One per line: sha256//<base64 of the public key digest>, or the certificate's SHA-256 in hex. Print them with: provstation-server tls-pin --tls-cert FILE": (
        "Una por línea: sha256//<base64 del resumen de la clave pública>, o el SHA-256 del certificado en hexadecimal. Imprímalas con: provstation-server tls-pin --tls-cert ARCHIVO",
        "每行一个：sha256//<公钥摘要的 base64>，或证书的十六进制 SHA-256。可用以下命令打印：provstation-server tls-pin --tls-cert 文件"),
    "Certificate pin \"%1\" is not a pin: paste sha256//BASE64 or the certificate's SHA-256 fingerprint as provstation-server tls-pin prints them.": (
        "La clave fijada \"%1\" no es válida: pegue sha256//BASE64 o la huella SHA-256 del certificado tal como las imprime provstation-server tls-pin.",
        "证书固定值“%1”无效：请粘贴 provstation-server tls-pin 打印的 sha256//BASE64 或证书的 SHA-256 指纹。"),
    "empty: the paired server, %1": (
        "vacío: el servidor emparejado, %1", "留空：使用已配对的服务器 %1"),
    # --- Pairing: ConnectDialog, LoginDialog, StationWindow ---
    "Connect to server": ("Conectar con el servidor", "连接到服务器"),
    "Connect to server…": ("Conectar con el servidor…", "连接到服务器…"),
    "Type the server's address and the pairing code the server's admin gives you (server mode: Stations, Pair a station…). The code is valid for 15 minutes and pairs one station.": (
        "Escriba la dirección del servidor y el código de emparejamiento que le da el administrador del servidor (modo servidor: Estaciones, Emparejar una estación…). El código es válido 15 minutos y empareja una sola estación.",
        "请输入服务器地址和服务器管理员提供的配对码（服务器模式：工作站，配对工作站…）。配对码 15 分钟内有效，只能配对一个工作站。"),
    "Pairing code": ("Código de emparejamiento", "配对码"),
    "Connect": ("Conectar", "连接"),
    "Type the server's address, for example backroom:8085.": (
        "Escriba la dirección del servidor, por ejemplo backroom:8085.", "请输入服务器地址，例如 backroom:8085。"),
    "Pairing needs an encrypted connection: type the address without http:// (https is used).": (
        "El emparejamiento necesita una conexión cifrada: escriba la dirección sin http:// (se usa https).",
        "配对需要加密连接：请输入不带 http:// 的地址（将使用 https）。"),
    "\"%1\" is not a server address: type the server's name or IP address, with :PORT when it is not %2 (for example backroom or 192.168.1.20:8085).": (
        "\"%1\" no es una dirección de servidor: escriba el nombre o la dirección IP del servidor, con :PUERTO cuando no sea %2 (por ejemplo backroom o 192.168.1.20:8085).",
        "“%1”不是服务器地址：请输入服务器的名称或 IP 地址，端口不是 %2 时加上 :端口（例如 backroom 或 192.168.1.20:8085）。"),
    "Details: %1": ("Detalles: %1", "详细信息：%1"),
    "The code is mistyped: compare it with the code the server shows, character by character.": (
        "El código está mal escrito: compárelo carácter por carácter con el código que muestra el servidor.",
        "配对码输入有误：请与服务器显示的配对码逐字核对。"),
    "A pairing code has 10 characters, like 7KQ4-M9XD-2R: check that you typed all of it.": (
        "Un código de emparejamiento tiene 10 caracteres, como 7KQ4-M9XD-2R: compruebe que lo escribió entero.",
        "配对码有 10 个字符，例如 7KQ4-M9XD-2R：请确认已完整输入。"),
    "This is not a pairing code: it has only digits and the letters A to Z, like 7KQ4-M9XD-2R.": (
        "Esto no es un código de emparejamiento: solo tiene cifras y las letras de la A a la Z, como 7KQ4-M9XD-2R.",
        "这不是配对码：配对码只包含数字和字母 A 到 Z，例如 7KQ4-M9XD-2R。"),
    "Connecting to %1…": ("Conectando con %1…", "正在连接 %1…"),
    "Storing the pairing…": ("Guardando el emparejamiento…", "正在保存配对信息…"),
    "Pairing cancelled. If the server had already answered, this code may now be void: ask the admin for a new one.": (
        "Emparejamiento cancelado. Si el servidor ya había respondido, este código puede haber quedado anulado: pida uno nuevo al administrador.",
        "配对已取消。如果服务器已经应答，此配对码可能已作废：请向管理员索取新的配对码。"),
    "Ask the server's admin for a new code.": (
        "Pida un código nuevo al administrador del servidor.", "请向服务器管理员索取新的配对码。"),
    "The station cannot reach a server at %1 over an encrypted connection. Check the address and the port, that the server is running with its TLS certificate, and the network.": (
        "La estación no puede conectar con un servidor en %1 mediante una conexión cifrada. Compruebe la dirección y el puerto, que el servidor esté en marcha con su certificado TLS, y la red.",
        "工作站无法通过加密连接访问 %1 上的服务器。请检查地址和端口、服务器是否已使用其 TLS 证书运行，以及网络。"),
    "The server at %1 could not prove that it knows this code: it is not the server that made the code, or a machine between the station and the server answers in its place. Nothing secret was sent. Check the address; %2": (
        "El servidor en %1 no pudo demostrar que conoce este código: no es el servidor que creó el código, o una máquina entre la estación y el servidor responde en su lugar. No se envió nada secreto. Compruebe la dirección; %2",
        "%1 上的服务器无法证明它知道此配对码：它不是生成该配对码的服务器，或者工作站与服务器之间有另一台机器在冒充它应答。没有发送任何机密信息。请检查地址；%2"),
    "The server at %1 has no such code. Check the code and the address.": (
        "El servidor en %1 no tiene ese código. Compruebe el código y la dirección.",
        "%1 上的服务器没有此配对码。请检查配对码和地址。"),
    "A machine between the station and the server answers in the server's place (the server does not know the key the station sees). Nothing was paired and the code is still valid: connect the station to the server's network directly, or ask the network's administrator.": (
        "Una máquina entre la estación y el servidor responde en lugar del servidor (el servidor no reconoce la clave que ve la estación). No se emparejó nada y el código sigue siendo válido: conecte la estación directamente a la red del servidor o consulte al administrador de la red.",
        "工作站与服务器之间有另一台机器在冒充服务器应答（服务器不认识工作站看到的密钥）。未进行任何配对，配对码仍然有效：请将工作站直接连接到服务器所在的网络，或咨询网络管理员。"),
    "This code was already used to pair a station.": (
        "Este código ya se usó para emparejar una estación.", "此配对码已用于配对一个工作站。"),
    "This code has expired (codes are valid for 15 minutes).": (
        "Este código ha caducado (los códigos son válidos 15 minutos).", "此配对码已过期（配对码有效期为 15 分钟）。"),
    "This code is void: an earlier pairing attempt with it did not finish.": (
        "Este código está anulado: un intento anterior de emparejamiento con él no terminó.",
        "此配对码已作废：之前使用它的一次配对尝试没有完成。"),
    "The server did not accept the station's answer. Try once more; after three tries the code is void.": (
        "El servidor no aceptó la respuesta de la estación. Inténtelo una vez más; tras tres intentos el código queda anulado.",
        "服务器不接受工作站的应答。请再试一次；三次尝试后配对码将作废。"),
    "Too many pairing attempts from this station: wait a few minutes, then try again.": (
        "Demasiados intentos de emparejamiento desde esta estación: espere unos minutos y vuelva a intentarlo.",
        "此工作站的配对尝试次数过多：请等待几分钟后再试。"),
    "The server refused the pairing.": ("El servidor rechazó el emparejamiento.", "服务器拒绝了配对。"),
    "The station is paired, but its token cannot be stored. Pair again with a new code once this is fixed.": (
        "La estación está emparejada, pero no se puede guardar su token. Vuelva a emparejarla con un código nuevo cuando esto se haya corregido.",
        "工作站已配对，但无法保存其令牌。问题解决后，请使用新的配对码重新配对。"),
    "The station is paired, but the server's address cannot be stored. Pair again with a new code once this is fixed.": (
        "La estación está emparejada, pero no se puede guardar la dirección del servidor. Vuelva a emparejarla con un código nuevo cuando esto se haya corregido.",
        "工作站已配对，但无法保存服务器地址。问题解决后，请使用新的配对码重新配对。"),
    "Connected: this station is paired as %1 with %2 (server key %3).": (
        "Conectada: esta estación está emparejada como %1 con %2 (clave del servidor %3).",
        "已连接：本工作站已作为 %1 与 %2 配对（服务器密钥 %3）。"),
    "No OS keychain (%1): the station token is stored in the file %2, which only this user can read. Anyone logged in as this user can use it.": (
        "No hay llavero del sistema (%1): el token de la estación se guarda en el archivo %2, que solo este usuario puede leer. Cualquiera que inicie sesión como este usuario puede usarlo.",
        "没有系统钥匙串（%1）：工作站令牌保存在文件 %2 中，只有当前用户可以读取。任何以该用户身份登录的人都可以使用它。"),
    "The station token is stored in the OS keychain.": (
        "El token de la estación se guarda en el llavero del sistema.", "工作站令牌已保存在系统钥匙串中。"),
    "This station is not connected to a server yet: ask an admin for a pairing code, then choose Connect to server…": (
        "Esta estación aún no está conectada a un servidor: pida un código de emparejamiento a un administrador y elija Conectar con el servidor…",
        "本工作站尚未连接到服务器：请向管理员索取配对码，然后选择“连接到服务器…”"),
    "Connecting to another server needs a supervisor or admin login.": (
        "Conectar con otro servidor requiere iniciar sesión como supervisor o administrador.",
        "连接到其他服务器需要以主管或管理员身份登录。"),
    "Connected to %1 as station %2: log in to start.": (
        "Conectada con %1 como estación %2: inicie sesión para empezar.",
        "已作为工作站 %2 连接到 %1：请登录后开始。"),
    # --- Pairing: PairStationDialog, StationsPage ---
    "Pair a station": ("Emparejar una estación", "配对工作站"),
    "Pair a station…": ("Emparejar una estación…", "配对工作站…"),
    "A one-time code lets a station connect to this server: the station's user types the server's address and the code in Connect to server… on the station. The code is valid for 15 minutes and pairs one station.": (
        "Un código de un solo uso permite que una estación se conecte a este servidor: el usuario de la estación escribe la dirección del servidor y el código en Conectar con el servidor… en la estación. El código es válido 15 minutos y empareja una sola estación.",
        "一次性配对码可让工作站连接到本服务器：工作站用户在工作站的“连接到服务器…”中输入服务器地址和配对码。配对码 15 分钟内有效，只能配对一个工作站。"),
    "Create code": ("Crear código", "生成配对码"),
    "Create another code": ("Crear otro código", "再生成一个配对码"),
    "Copy code": ("Copiar código", "复制配对码"),
    "Server address to type on the station:": (
        "Dirección del servidor que hay que escribir en la estación:", "需在工作站上输入的服务器地址："),
    "Pairing code for station %1:": ("Código de emparejamiento de la estación %1:", "工作站 %1 的配对码："),
    "On a station without the window: provstation-cli pair https://%1 %2": (
        "En una estación sin la ventana: provstation-cli pair https://%1 %2",
        "在没有窗口界面的工作站上：provstation-cli pair https://%1 %2"),
    "This server speaks plain HTTP, so stations cannot pair with it: start it with --tls-cert and --tls-key.": (
        "Este servidor usa HTTP sin cifrar, por lo que las estaciones no pueden emparejarse con él: inícielo con --tls-cert y --tls-key.",
        "此服务器使用未加密的 HTTP，工作站无法与其配对：请使用 --tls-cert 和 --tls-key 启动它。"),
    "Server key: %1 (the station shows the key it paired with; they must be the same).": (
        "Clave del servidor: %1 (la estación muestra la clave con la que se emparejó; deben ser la misma).",
        "服务器密钥：%1（工作站会显示它配对时使用的密钥；两者必须相同）。"),
    "Type the station's name, for example line1-st3.": (
        "Escriba el nombre de la estación, por ejemplo line1-st3.", "请输入工作站名称，例如 line1-st3。"),
    "\"%1\" is not a station name: use letters, digits and . _ @ : - (starting with a letter or digit), up to 64 characters.": (
        "\"%1\" no es un nombre de estación: use letras, cifras y . _ @ : - (empezando por una letra o cifra), hasta 64 caracteres.",
        "“%1”不是有效的工作站名称：请使用字母、数字和 . _ @ : -（以字母或数字开头），最多 64 个字符。"),
    "Cannot create a pairing code: %1": (
        "No se puede crear un código de emparejamiento: %1", "无法生成配对码：%1"),
    "This code expired at %1: create another one.": (
        "Este código caducó a las %1: cree otro.", "此配对码已于 %1 过期：请再生成一个。"),
    "Valid until %1 (%2 left), for one station.": (
        "Válido hasta las %1 (quedan %2), para una estación.", "有效期至 %1（剩余 %2），仅限一个工作站。"),
    "Revoke station": ("Revocar estación", "吊销工作站"),
    "Revoke station…": ("Revocar estación…", "吊销工作站…"),
    "Revoke station %1? Its tokens stop working at once: it cannot send keys or results until it is paired again.": (
        "¿Revocar la estación %1? Sus tokens dejan de funcionar de inmediato: no podrá enviar claves ni resultados hasta que se vuelva a emparejar.",
        "要吊销工作站 %1 吗？它的令牌将立即失效：在重新配对之前，它无法发送密钥或结果。"),
    "Cannot revoke station %1: %2": ("No se puede revocar la estación %1: %2", "无法吊销工作站 %1：%2"),
    "Station %1 is revoked: it must be paired again to reach this server.": (
        "La estación %1 está revocada: debe emparejarse de nuevo para conectar con este servidor.",
        "工作站 %1 已被吊销：必须重新配对才能连接本服务器。"),
    # --- FailureCause, OperatorAction (core/domain/FailureCause.cpp) ---
    "no answer from a device on %1": ("ningún dispositivo responde en %1", "%1 上没有设备应答"),
    "the link on %1 did not come up": ("el enlace en %1 no se estableció", "%1 上的链路未能建立"),
    "the device stopped answering": ("el dispositivo dejó de responder", "设备停止应答"),
    "the device's answer could not be read": (
        "no se pudo leer la respuesta del dispositivo", "无法读取设备的应答"),
    "the device did not finish within %1 s": ("el dispositivo no terminó en %1 s", "设备未在 %1 秒内完成"),
    "the node is %1, the configuration is for %2": (
        "el nodo es %1, la configuración es para %2", "节点为 %1，配置适用于 %2"),
    "the node's calibration is invalid": ("la calibración del nodo no es válida", "节点校准无效"),
    "the node was never calibrated": ("el nodo nunca se calibró", "节点从未校准"),
    "the eMCM failed its self-test: %1": ("el eMCM falló su autoprueba: %1", "eMCM 自检失败：%1"),
    "the board is %1, not an eMCM": ("la placa es %1, no un eMCM", "该板为 %1，不是 eMCM"),
    "the eMCM has no application %1 (it holds %2)": (
        "el eMCM no tiene la aplicación %1 (tiene %2)", "eMCM 没有应用 %1（现有 %2）"),
    "the label does not match: label %1, eMCM %2 (ID %3)": (
        "la etiqueta no coincide: etiqueta %1, eMCM %2 (ID %3)", "标签不匹配：标签 %1，eMCM %2（ID %3）"),
    "the eMCM cannot reach the meter": ("el eMCM no llega al medidor", "eMCM 无法连接电表"),
    "the eMCM reaches meter %1, the label says %2": (
        "el eMCM llega al medidor %1, la etiqueta dice %2", "eMCM 连接的电表为 %1，标签为 %2"),
    "the device did not join the gateway within %1 s": (
        "el dispositivo no se unió a la pasarela en %1 s", "设备未在 %1 秒内加入网关"),
    "the device rejected the firmware image (checksum mismatch)": (
        "el dispositivo rechazó el firmware (suma de control errónea)", "设备拒绝了固件映像（校验和不符）"),
    "the device rejected the configuration (checksum mismatch)": (
        "el dispositivo rechazó la configuración (suma de control errónea)", "设备拒绝了配置（校验和不符）"),
    "the device could not write its flash memory": (
        "el dispositivo no pudo escribir su memoria flash", "设备无法写入其闪存"),
    "the device reported a hardware failure (%1)": (
        "el dispositivo informó de un fallo de hardware (%1)", "设备报告硬件故障（%1）"),
    "the device answered \"%1\" to %2": ("el dispositivo respondió \"%1\" a %2", "设备对 %2 应答“%1”"),
    "the device is still unlocked after Lock": (
        "el dispositivo sigue desbloqueado tras el bloqueo", "锁定后设备仍未锁定"),
    "the unit has not passed PRETEST for this configuration": (
        "la unidad no ha pasado el PRETEST de esta configuración", "该单元未通过此配置的 PRETEST"),
    "the server does not answer": ("el servidor no responde", "服务器无应答"),
    "the gateway does not answer": ("la pasarela no responde", "网关无应答"),
    "press Retry": ("pulse Reintentar", "请按“重试”"),
    "re-seat the device (connector, cable, power), then press Retry": (
        "vuelva a colocar el dispositivo (conector, cable, alimentación) y pulse Reintentar",
        "重新安装设备（连接器、线缆、电源），然后按“重试”"),
    "re-scan the label; if it still does not match, set the unit aside": (
        "vuelva a escanear la etiqueta; si sigue sin coincidir, aparte la unidad",
        "重新扫描标签；如果仍不匹配，请将该单元放到一边"),
    "reject the unit: press Reject": ("rechace la unidad: pulse Rechazar", "报废该单元：请按“拒收”"),
    "press Retry once; if it fails again, reject the unit": (
        "pulse Reintentar una vez; si vuelve a fallar, rechace la unidad",
        "按一次“重试”；如果再次失败，请报废该单元"),
    "call the supervisor": ("llame al supervisor", "请联系主管"),
    "set the unit aside and call the supervisor: this slot is set up for another product": (
        "aparte la unidad y llame al supervisor: este puesto está preparado para otro producto",
        "请将该单元放到一边并联系主管：此工位配置的是另一种产品"),
    "re-seat the eMCM in the meter and check that the meter is powered, then press Retry": (
        "vuelva a colocar el eMCM en el medidor, compruebe que el medidor tenga alimentación y pulse Reintentar",
        "将 eMCM 重新插入电表并确认电表已通电，然后按“重试”"),
    "check that the access point is on and the antenna connected, then press Retry": (
        "compruebe que el punto de acceso esté encendido y la antena conectada, y pulse Reintentar",
        "请确认接入点已开启且天线已连接，然后按“重试”"),
    # --- StepName (app/station/slots/StepNames.cpp) ---
    "starting": ("iniciando", "正在启动"),
    "loading the configuration": ("cargando la configuración", "正在加载配置"),
    "reading the node": ("leyendo el nodo", "正在读取节点"),
    "checking the node type": ("comprobando el tipo de nodo", "正在检查节点类型"),
    "reading the eMCM": ("leyendo el eMCM", "正在读取 eMCM"),
    "checking the label": ("comprobando la etiqueta", "正在核对标签"),
    "updating the node firmware": ("actualizando el firmware del nodo", "正在更新节点固件"),
    "updating the eMCM firmware": ("actualizando el firmware del eMCM", "正在更新 eMCM 固件"),
    "writing the factory configuration": ("escribiendo la configuración de fábrica", "正在写入出厂配置"),
    "writing the field configuration": ("escribiendo la configuración de campo", "正在写入现场配置"),
    "preparing the gateway": ("preparando la pasarela", "正在准备网关"),
    "checking the earlier test": ("comprobando la prueba anterior", "正在检查之前的测试"),
    "waiting for the node to join the gateway": (
        "esperando a que el nodo se una a la pasarela", "正在等待节点加入网关"),
    "making the keys": ("generando las claves", "正在生成密钥"),
    "writing the keys": ("escribiendo las claves", "正在写入密钥"),
    "checking the keys": ("comprobando las claves", "正在校验密钥"),
    "storing the keys on the server": ("guardando las claves en el servidor", "正在将密钥存储到服务器"),
    "checking what was written": ("comprobando lo escrito", "正在检查写入内容"),
    "locking the device": ("bloqueando el dispositivo", "正在锁定设备"),
    "checking the meter link": ("comprobando el enlace con el medidor", "正在检查电表链路"),
    # --- SlotWidget, StationWindow: causes, steps, rejects ---
    "port %1": ("puerto %1", "端口 %1"),
    "rejected: put the unit in the reject bin": (
        "rechazada: ponga la unidad en el contenedor de rechazos", "已拒收：请将该单元放入废品箱"),
    "Step %1 of %2: %3": ("Paso %1 de %2: %3", "第 %1 步，共 %2 步：%3"),
    "%1 \u00b7 %2 left to wait": ("%1 \u00b7 quedan %2 de espera", "%1 \u00b7 还需等待 %2"),
    "%1 \u00b7 about %2 left": ("%1 \u00b7 quedan unos %2", "%1 \u00b7 约剩 %2"),
    "Reject": ("Rechazar", "拒收"),
    "Record the unit as rejected: it leaves the line": (
        "Registrar la unidad como rechazada: sale de la línea", "将该单元记录为拒收：它将离开产线"),
    "  rejected %1": ("  rechazadas %1", "  拒收 %1"),
    "The rejection is counted but not in the run log: %1": (
        "El rechazo está contado pero no consta en el registro de la ejecución: %1",
        "拒收已计数，但未写入运行日志：%1"),
    # --- A slot's attempts, the server's reachability, the next instruction ---
    "attempt %1": ("intento %1", "第 %1 次尝试"),
    "failed %1 times: reject the unit": (
        "falló %1 veces: rechace la unidad", "已失败 %1 次：请拒收该单元"),
    "This unit failed %1 times: reject it instead of retrying.": (
        "Esta unidad falló %1 veces: recházela en lugar de reintentar.",
        "该单元已失败 %1 次：请拒收，不要再重试。"),
    "The server cannot be reached: start again when the header says it is back.": (
        "No se puede acceder al servidor: inicie de nuevo cuando la cabecera indique que ha vuelto.",
        "无法连接服务器：请在标题栏显示服务器恢复后再开始。"),
    "The server cannot be reached (%1): nothing starts until it is back.": (
        "No se puede acceder al servidor (%1): nada se inicia hasta que vuelva.",
        "无法连接服务器（%1）：在服务器恢复之前无法开始任何运行。"),
    "Label scanned: press Start.": ("Etiqueta escaneada: pulse Iniciar.", "标签已扫描：请按“开始”。"),
    "Insert the device, scan its %1, then press Start.": (
        "Coloque el equipo, escanee su %1 y pulse Iniciar.", "请放入设备，扫描其%1，然后按“开始”。"),
    "Insert the device, then press Start.": ("Coloque el equipo y pulse Iniciar.", "请放入设备，然后按“开始”。"),
    "Take the device out, insert the next one, then press Start.": (
        "Retire el equipo, coloque el siguiente y pulse Iniciar.", "请取出设备，放入下一台，然后按“开始”。"),
    "Take the device out. Next: scan this slot's label, then the new device's %1, then press Start.": (
        "Retire el equipo. Después: escanee la etiqueta de esta posición, luego el %1 del equipo nuevo y pulse Iniciar.",
        "请取出设备。下一步：扫描此工位的标签，再扫描新设备的%1，然后按“开始”。"),
    "Retries of a failed unit before the window asks to reject it": (
        "Reintentos de una unidad fallida antes de que la ventana pida rechazarla",
        "失败单元在窗口要求拒收之前可重试的次数"),
    # --- Provisioning a provisioned unit again; run options per slot group ---
    "node %1 is already provisioned and locked": (
        "el nodo %1 ya está aprovisionado y bloqueado", "节点 %1 已完成配置并已锁定"),
    "take the unit out: it is done; only a supervisor may provision it again (Provision again)": (
        "retire la unidad: ya está terminada; solo un supervisor puede aprovisionarla de nuevo (Aprovisionar de nuevo)",
        "取出该单元：它已完成；只有主管可以重新配置（重新配置）"),
    "Provision again": ("Aprovisionar de nuevo", "重新配置"),
    "Replace the unit's key: needs a supervisor or admin login": (
        "Sustituye la clave de la unidad: requiere una sesión de supervisor o administrador",
        "替换该单元的密钥：需要主管或管理员登录"),
    "Provisioning a unit again replaces its key: it needs a supervisor or admin login.": (
        "Aprovisionar de nuevo una unidad sustituye su clave: requiere una sesión de supervisor o administrador.",
        "重新配置单元会替换其密钥：需要主管或管理员登录。"),
    "Only a supervisor or admin may provision a unit again.": (
        "Solo un supervisor o administrador puede aprovisionar de nuevo una unidad.",
        "只有主管或管理员可以重新配置单元。"),
    "skip lock": ("sin bloqueo", "不锁定"),
    "skip keys": ("sin claves", "不写密钥"),
    "factory configuration": ("configuración de fábrica", "工厂配置"),
    "join timeout %1 s": ("espera de unión %1 s", "入网超时 %1 秒"),
    "Group": ("Grupo", "组"),
    "Run options by slot group": ("Opciones de ejecución por grupo de ranuras", "按槽位组的运行选项"),
    "A slot belongs to the group named in its Group column; slots of no group run with the station's defaults. The slots show the options that apply to them.": (
        "Una ranura pertenece al grupo indicado en su columna Grupo; las ranuras sin grupo usan los valores de la "
        "estación. Cada ranura muestra las opciones que se le aplican.",
        "槽位属于其“组”列中指定的组；未分组的槽位使用工作站默认值。各槽位会显示适用于它的选项。"),
    "Join timeout": ("Espera de unión", "入网超时"),
    "Factory configuration": ("Configuración de fábrica", "工厂配置"),
    "Skip keys": ("Sin claves", "不写密钥"),
    "Skip lock": ("Sin bloqueo", "不锁定"),
    " s": (" s", " 秒"),
    "station's": ("la de la estación", "工作站默认"),
    # --- Yield page (server mode) and the station's shift ---
    "Shift: %1 passed \u00b7 %2 failed\nFPY %3 \u00b7 %4 units/h \u00b7 counted here": (
        "Turno: %1 correctos \u00b7 %2 fallidos\nFPY %3 \u00b7 %4 u/h \u00b7 local",
        "班次：%1 通过 \u00b7 %2 失败\n直通率 %3 \u00b7 %4 件/小时 \u00b7 本站计数"),
    "The server's figures for this shift are not available: these are this window's own count since it started or since the last new shift.": (
        "Las cifras del servidor para este turno no están disponibles: este es el recuento propio de la ventana desde que se inició o desde el último turno nuevo.",
        "无法获得服务器上本班次的数据：这是本窗口自启动或上次新班次以来自己的计数。"),
    "The server's figures for this station's current shift (the same as yield in server mode).": (
        "Las cifras del servidor para el turno actual de esta estación (las mismas que el rendimiento en el modo servidor).",
        "服务器上本工作站当前班次的数据（与服务器模式中的良率相同）。"),
    "Start a new shift at station %1? The shift counts start again from zero; the server records that %2 started it.": (
        "¿Iniciar un turno nuevo en la estación %1? Los recuentos del turno vuelven a cero; el servidor registra que lo inició %2.",
        "要在工作站 %1 开始新班次吗？班次计数将从零开始；服务器会记录由 %2 开始。"),
    "The new shift is counted at this station only: the server did not record it (%1).": (
        "El turno nuevo solo se cuenta en esta estación: el servidor no lo registró (%1).",
        "新班次仅在本工作站计数：服务器未记录（%1）。"),
    "Last 8 hours": ("Últimas 8 horas", "最近 8 小时"),
    "Today": ("Hoy", "今天"),
    "Last 7 days": ("Últimos 7 días", "最近 7 天"),
    "Last 30 days": ("Últimos 30 días", "最近 30 天"),
    "Custom": ("Personalizado", "自定义"),
    "Period": ("Periodo", "时间段"),
    "all stations": ("todas las estaciones", "所有工作站"),
    "Failures by result code": ("Fallos por código de resultado", "按结果代码统计的失败"),
    "Failures by step": ("Fallos por paso", "按步骤统计的失败"),
    "Cycle time of passed runs per flow (s)": (
        "Tiempo de ciclo de las ejecuciones correctas por flujo (s)", "各流程通过运行的周期时间（秒）"),
    "This server does not report yield.": ("Este servidor no informa del rendimiento.", "此服务器不提供良率。"),
    "Cannot read the yield: %1": ("No se puede leer el rendimiento: %1", "无法读取良率：%1"),
    "Updated %1": ("Actualizado %1", "更新于 %1"),
    "No figures yet.": ("Aún no hay cifras.", "暂无数据。"),
    "Runs %1 \u00b7 Devices %2 \u00b7 Passed %3 \u00b7 Failed %4 \u00b7 Station faults %5\nFirst-pass yield %6 \u00b7 Final yield %7 \u00b7 %8 units/h": (
        "Ejecuciones %1 \u00b7 Equipos %2 \u00b7 Correctas %3 \u00b7 Fallidas %4 \u00b7 Fallos de estación %5\nRendimiento a la primera %6 \u00b7 Rendimiento final %7 \u00b7 %8 unidades/h",
        "运行 %1 \u00b7 设备 %2 \u00b7 通过 %3 \u00b7 失败 %4 \u00b7 工作站故障 %5\n直通率 %6 \u00b7 最终良率 %7 \u00b7 %8 件/小时"),
    "(no step)": ("(sin paso)", "（无步骤）"),
    "median": ("mediana", "中位数"),
    "90 %": ("90 %", "90%"),
    "longest": ("máximo", "最长"),
}

OVERRIDES = {
    # (context, source) -> (es, zh) where a text needs another word in one place.
}

LANGS = {"es": 0, "zh_CN": 1}


def write(tree, path):
    body = ET.tostring(tree.getroot(), encoding="unicode")
    path.write_text('<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n' + body + "\n", encoding="utf-8")


def fill(lang):
    path = HERE / f"provstation_{lang}.ts"
    tree = ET.parse(path)
    missing = []
    for ctx in tree.getroot().findall("context"):
        cname = ctx.find("name").text
        for msg in ctx.findall("message"):
            source = msg.find("source").text or ""
            tr = msg.find("translation")
            if tr is None:
                tr = ET.SubElement(msg, "translation")
            if tr.get("type") in ("vanished", "obsolete"):
                continue
            numerus = msg.get("numerus") == "yes"
            if lang == "en":
                value = [source, source] if numerus else source
            else:
                entry = OVERRIDES.get((cname, source)) or TR.get(source)
                if entry is None:
                    missing.append(f"{cname}: {source!r}")
                    continue
                value = entry[LANGS[lang]]
            for child in list(tr):
                tr.remove(child)
            tr.text = None
            if numerus:
                forms = value if isinstance(value, list) else [value]
                for form in forms:
                    ET.SubElement(tr, "numerusform").text = form
            else:
                if isinstance(value, list):
                    value = value[0]
                tr.text = value
            tr.attrib.pop("type", None)
    if missing:
        print(f"{lang}: {len(missing)} texts without a translation:", file=sys.stderr)
        for m in missing:
            print("  " + m, file=sys.stderr)
        return False
    write(tree, path)
    return True


def main():
    ok = True
    for lang in ("en", "es", "zh_CN"):
        ok = fill(lang) and ok
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
