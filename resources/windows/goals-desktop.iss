; Inno Setup 6 script: a setup program around the one-dir build (dist\goals-desktop).
;
; Built by `python resources/pyinstaller/build.py --setup` on Windows, which passes the version
; (goals_desktop.__version__, the one source) and the folders:
;   iscc /DAppVersion=0.1.0 /DAppDir=dist\goals-desktop /DOutputDir=dist resources\windows\goals-desktop.iss
; Run by hand without /D..., it takes the version from the built goals-desktop.exe's version info.
;
; Installs for the current user without administrator rights (%LOCALAPPDATA%\Programs\Goals Desktop);
; the first page offers "install for all users", which asks for them. The uninstaller removes what
; setup copied and nothing else: the goals live in %LOCALAPPDATA%\Goals Desktop\goals-desktop
; (platformdirs), outside the program folder, and stay.

#ifndef AppDir
  #define AppDir AddBackslash(SourcePath) + "..\..\dist\goals-desktop"
#endif
#ifndef OutputDir
  #define OutputDir AddBackslash(SourcePath) + "..\..\dist"
#endif
#ifndef AppVersion
  #define AppVersion GetVersionNumbersString(AppDir + "\goals-desktop.exe")
#endif
#define AppName "Goals Desktop"
#define AppExe "goals-desktop.exe"

[Setup]
; The AppId ties upgrades and the uninstaller together: never change it.
AppId={{6F1C8E52-3B7A-4D0E-9C55-2A9F1E7D4B31}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher=Goals Desktop contributors
VersionInfoVersion={#AppVersion}
VersionInfoProductName={#AppName}
VersionInfoDescription={#AppName} setup
DefaultDirName={autopf}\{#AppName}
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
OutputDir={#OutputDir}
OutputBaseFilename=goals-desktop-{#AppVersion}-setup
SetupIconFile={#SourcePath}goals-desktop.ico
UninstallDisplayIcon={app}\{#AppExe}
UninstallDisplayName={#AppName}
WizardStyle=modern
Compression=lzma2/max
SolidCompression=yes
CloseApplications=yes
RestartApplications=no

[Languages]
Name: "english"; MessagesFile: "compiler:Default.isl"
Name: "german"; MessagesFile: "compiler:Languages\German.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[Files]
Source: "{#AppDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{autoprograms}\{#AppName}"; Filename: "{app}\{#AppExe}"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\{#AppExe}"; Tasks: desktopicon

[Run]
Filename: "{app}\{#AppExe}"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent
