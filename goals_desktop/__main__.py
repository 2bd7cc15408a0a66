from goals_desktop.cli import main

raise SystemExit(main())
