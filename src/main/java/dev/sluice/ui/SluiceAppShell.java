package dev.sluice.ui;

import com.vaadin.flow.component.page.AppShellConfigurator;
import com.vaadin.flow.component.page.Meta;
import com.vaadin.flow.server.AppShellSettings;
import com.vaadin.flow.theme.Theme;

/** The HTML shell of every page: the Sluice theme (Lumo underneath) and the page metadata. */
@Theme("sluice")
@Meta(name = "color-scheme", content = "light")
public class SluiceAppShell implements AppShellConfigurator {

    @Override
    public void configurePage(AppShellSettings settings) {
        settings.setPageTitle("Sluice");
        settings.addFavIcon("icon", "icons/sluice.svg", "any");
    }
}
