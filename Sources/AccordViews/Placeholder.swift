enum PlaceholderAccordViews {}
