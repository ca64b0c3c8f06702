package dev.berth.app.gui.inspect;

import atlantafx.base.controls.CustomTextField;
import atlantafx.base.theme.Styles;
import atlantafx.base.theme.Tweaks;
import dev.berth.app.gui.controls.Icons;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.css.PseudoClass;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.Label;
import javafx.scene.control.MenuItem;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToolBar;
import javafx.scene.control.Tooltip;
import javafx.scene.control.TreeItem;
import javafx.scene.control.TreeTableColumn;
import javafx.scene.control.TreeTableRow;
import javafx.scene.control.TreeTableView;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import org.kordamp.ikonli.feather.Feather;

/**
 * The inspect pane: a JSON document as a collapsible key/value tree with a search field that expands the
 * branches holding matches, highlights them, and steps through them with Enter.
 */
public final class InspectView extends BorderPane {

    private static final PseudoClass MATCH = PseudoClass.getPseudoClass("match");

    private final InspectViewModel model;
    private final TreeTableView<InspectNode> tree = new TreeTableView<>();
    private final Map<String, TreeItem<InspectNode>> itemsByPath = new HashMap<>();
    private final Label status = new Label();
    private int current = -1;
    private ToggleButton reveal;

    public InspectView(InspectViewModel model) {
        this(model, "Select a container to inspect its configuration and state.");
    }

    /** @param placeholderText what the empty view says ("Select a network to inspect it.") */
    public InspectView(InspectViewModel model, String placeholderText) {
        this.model = model;
        getStyleClass().add("inspect-view");

        TreeTableColumn<InspectNode, String> key = new TreeTableColumn<>("Key");
        key.setCellValueFactory(cell -> new ReadOnlyStringWrapper(cell.getValue().getValue().key()));
        key.setPrefWidth(280);
        TreeTableColumn<InspectNode, String> value = new TreeTableColumn<>("Value");
        value.setCellValueFactory(cell -> new ReadOnlyStringWrapper(model.shown(cell.getValue().getValue())));
        value.setPrefWidth(520);
        tree.getColumns().setAll(List.of(key, value));
        tree.setId("inspect-tree");
        tree.getStyleClass().addAll(Tweaks.EDGE_TO_EDGE, Styles.DENSE);
        tree.setColumnResizePolicy(TreeTableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        tree.setShowRoot(false);
        Label placeholder = new Label(placeholderText);
        placeholder.getStyleClass().add("pane-placeholder");
        tree.setPlaceholder(placeholder);
        tree.setRowFactory(view -> {
            TreeTableRow<InspectNode> row = new TreeTableRow<>() {
                @Override
                protected void updateItem(InspectNode node, boolean empty) {
                    super.updateItem(node, empty);
                    pseudoClassStateChanged(MATCH, !empty && node != null && model.isMatch(node.path()));
                }
            };
            MenuItem copy = new MenuItem("Copy value");
            copy.setOnAction(event -> copy(row.getItem()));
            row.contextMenuProperty().bind(Bindings.when(row.emptyProperty()).then((ContextMenu) null).otherwise(new ContextMenu(copy)));
            return row;
        });
        tree.setOnKeyPressed(event -> {
            if (event.isShortcutDown() && event.getCode() == KeyCode.C && tree.getSelectionModel().getSelectedItem() != null) {
                copy(tree.getSelectionModel().getSelectedItem().getValue());
            }
        });

        CustomTextField search = new CustomTextField();
        search.setId("inspect-search");
        search.setPromptText("Search keys and values");
        search.setLeft(Icons.icon(Feather.SEARCH));
        search.setPrefColumnCount(24);
        search.textProperty().bindBidirectional(model.queryProperty());
        search.setOnKeyPressed(event -> {
            if (event.getCode() == KeyCode.ENTER) {
                step(event.isShiftDown() ? -1 : 1);
            }
        });
        Label title = new Label();
        title.getStyleClass().add("pane-title");
        title.textProperty().bind(model.titleProperty());
        status.getStyleClass().add(Styles.TEXT_MUTED);
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);

        // Secret values (SecretNames) show as a mask until this is pressed; it shows only when there are some.
        ToggleButton reveal = new ToggleButton("Reveal secrets", Icons.icon(Feather.EYE));
        reveal.setId("inspect-reveal");
        reveal.selectedProperty().bindBidirectional(model.revealSecretsProperty());
        reveal.selectedProperty().addListener((obs, old, on) -> {
            reveal.setText(on ? "Hide secrets" : "Reveal secrets");
            reveal.setGraphic(Icons.icon(on ? Feather.EYE_OFF : Feather.EYE));
            tree.refresh();
        });
        reveal.setTooltip(new Tooltip("Show the values of variables named like passwords, tokens, secrets and keys"));
        this.reveal = reveal;
        setTop(new ToolBar(title, spacer, status, reveal, search));
        setCenter(tree);

        model.rootProperty().addListener((obs, old, root) -> rebuild(root));
        model.resultProperty().addListener((obs, old, result) -> showResult(result));
        rebuild(model.rootProperty().get());
    }

    public TreeTableView<InspectNode> tree() {
        return tree;
    }

    /** Copies what the row shows: the mask of a secret unless revealed, so a masked value never reaches the clipboard. */
    private void copy(InspectNode node) {
        if (node != null) {
            ClipboardContent content = new ClipboardContent();
            content.putString(model.shown(node));
            Clipboard.getSystemClipboard().setContent(content);
        }
    }

    private void rebuild(InspectNode root) {
        boolean secrets = model.hasSecrets();
        reveal.setVisible(secrets);
        reveal.setManaged(secrets);
        itemsByPath.clear();
        tree.setRoot(root == null ? null : item(root, 0));
        showResult(model.resultProperty().get());
    }

    private TreeItem<InspectNode> item(InspectNode node, int depth) {
        TreeItem<InspectNode> item = new TreeItem<>(node);
        itemsByPath.put(node.path(), item);
        item.setExpanded(depth < 2); // top level and its children open, the rest on demand
        for (InspectNode child : node.children()) {
            item.getChildren().add(item(child, depth + 1));
        }
        return item;
    }

    private void showResult(InspectViewModel.SearchResult result) {
        Set<String> toExpand = new HashSet<>(result.expand());
        toExpand.forEach(path -> {
            TreeItem<InspectNode> item = itemsByPath.get(path);
            if (item != null) {
                item.setExpanded(true);
            }
        });
        tree.refresh();
        current = -1;
        boolean searching = !model.queryProperty().get().isBlank();
        status.setText(!searching ? "" : result.matches().isEmpty() ? "no matches" : result.matches().size() + " matches");
        if (!result.matches().isEmpty()) {
            step(1);
        }
    }

    private void step(int direction) {
        List<String> matches = model.resultProperty().get().matches();
        if (matches.isEmpty()) {
            return;
        }
        current = Math.floorMod(current + direction, matches.size());
        TreeItem<InspectNode> item = itemsByPath.get(matches.get(current));
        if (item != null) {
            int row = tree.getRow(item);
            tree.getSelectionModel().clearAndSelect(row);
            tree.scrollTo(Math.max(0, row - 3));
        }
    }
}
