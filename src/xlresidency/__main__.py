from xlresidency.cli import main

raise SystemExit(main())
