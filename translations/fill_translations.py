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
    "already waiting in another slot": ("ya está esperando en otra posición", "已在另一个工位等待"),
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
    "nobody logged in": ("nadie ha iniciado sesión", "无人登录"),
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
    "%1 is logged in as %2: settings need a supervisor or admin login.": (
        "%1 ha iniciado sesión como %2: los ajustes requieren una sesión de supervisor o administrador.",
        "%1 以%2身份登录：更改设置需要主管或管理员登录。"),
    "Run log — slot %1": ("Registro de ejecución — posición %1", "运行日志 — 工位 %1"),
    "Last scan: %1": ("Último escaneo: %1", "上次扫码：%1"),
    "Next device scan goes to slot %1": (
        "El próximo escaneo de dispositivo va a la posición %1", "下一个设备条码将分配给工位 %1"),
    "%1 %2 scanned": ("%1 %2 escaneado", "已扫描%1 %2"),
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
    # --- engine::StationModel (column headers), EngineSlotModel ---
    "State": ("Estado", "状态"),
    "Step": ("Paso", "步骤"),
    "Progress": ("Progreso", "进度"),
    "Node ID": ("ID de nodo", "节点 ID"),
    "Elapsed": ("Tiempo", "用时"),
    "Stopped by the operator: check the device, then start it again.": (
        "Detenido por el operador: compruebe el dispositivo y vuelva a iniciarlo.",
        "已由操作员停止：请检查设备，然后重新开始。"),
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
