package dev.berth.app.gui.look;

import static org.assertj.core.api.Assertions.assertThat;

import javafx.css.PseudoClass;
import javafx.scene.layout.Region;
import org.junit.jupiter.api.Test;

class PseudoStatesTest {

    private final Region card = new Region();
    private final PseudoStates states = new PseudoStates(card);

    @Test
    void aNodeCarriesOnlyItsLatestStateAndKeepsItsStyleClasses() {
        card.getStyleClass().add("graph-node");

        states.set("created");
        states.set("running");

        assertThat(card.getPseudoClassStates()).containsExactly(PseudoClass.getPseudoClass("running"));
        assertThat(card.getStyleClass()).containsExactly("graph-node");
    }

    @Test
    void noStateClearsTheLastOneAndOtherPseudoClassesAreLeftAlone() {
        card.pseudoClassStateChanged(PseudoClass.getPseudoClass("selected"), true);
        states.set("exited-error");

        states.set(null);

        assertThat(card.getPseudoClassStates()).containsExactly(PseudoClass.getPseudoClass("selected"));
    }
}
